/**
 * The org's Apex REST resources and how a request path finds one, as the platform matches
 * `@RestResource` URL mappings: an exact mapping first, then the longest wildcard mapping that
 * matches, else none (404). Mappings are checked when a package is registered.
 */
import type { ApexRestResource } from './apex-rest-resource.ts';

const MAX_MAPPING_LENGTH = 255;

/** A URL mapping that breaks the platform's rules, or one that is taken. */
export class ApexRestMappingError extends Error {
  override readonly name = 'ApexRestMappingError';
}

interface Entry {
  resource: ApexRestResource;
  /** Whether the mapping holds a `*`. */
  wildcard: boolean;
  pattern: RegExp;
}

export class ApexRestRegistry {
  private readonly entries: Entry[] = [];

  /** Adds a resource; throws ApexRestMappingError when its mapping is invalid or taken. */
  register(resource: ApexRestResource): void {
    const mapping = resource.urlMapping;
    checkMapping(resource);
    const taken = this.entries.find((entry) => entry.resource.urlMapping === mapping);
    if (taken !== undefined) {
      throw new ApexRestMappingError(
        `${resource.className}: urlMapping ${mapping} is already used by ${taken.resource.className}; give one of them another mapping`,
      );
    }
    this.entries.push({ resource, wildcard: mapping.includes('*'), pattern: patternOf(mapping) });
  }

  /** The resource serving `path` (the part after `/services/apexrest`), or undefined. */
  match(path: string): ApexRestResource | undefined {
    const wanted = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const exact = this.entries.find(
      (entry) => !entry.wildcard && entry.resource.urlMapping === wanted,
    );
    if (exact !== undefined) return exact.resource;

    const wildcards = this.entries
      .filter((entry) => entry.wildcard && entry.pattern.test(wanted))
      .sort((a, b) => b.resource.urlMapping.length - a.resource.urlMapping.length);
    return wildcards[0]?.resource;
  }

  all(): readonly ApexRestResource[] {
    return this.entries.map((entry) => entry.resource);
  }
}

function checkMapping({ className, urlMapping }: ApexRestResource): void {
  const problem = !urlMapping.startsWith('/')
    ? 'must start with /'
    : urlMapping.length > MAX_MAPPING_LENGTH
      ? `must be at most ${MAX_MAPPING_LENGTH} characters`
      : urlMapping
            .split('/')
            .slice(1)
            .some((segment) => segment.includes('*') && segment !== '*')
        ? 'may hold * only as a whole path segment (/a/*/b or /a/*)'
        : undefined;
  if (problem !== undefined) {
    throw new ApexRestMappingError(`${className}: urlMapping ${urlMapping} ${problem}`);
  }
}

/** `*` inside the mapping is one segment; a trailing `/*` is the rest of the path, even none. */
function patternOf(mapping: string): RegExp {
  const trailing = mapping.endsWith('/*');
  const head = trailing ? mapping.slice(0, -2) : mapping;
  const body = head
    .split('/')
    .map((segment) => (segment === '*' ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}${trailing ? '(?:/.*)?' : ''}$`);
}
