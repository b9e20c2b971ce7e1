/**
 * The partner SOAP API's envelopes, as far as login needs them: reading a `login` or `logout`
 * request and writing the `loginResponse`, `logoutResponse` and faults a real org answers. jsforce
 * reads the answers with regular expressions (`<serverUrl>`, `<sessionId>`, `<userId>`,
 * `<organizationId>`, `<faultstring>`), so those elements carry no namespace prefix, as on the
 * platform, where the partner namespace is the default one.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** What a SOAP request asks for. */
export type SoapRequest =
  | { operation: 'login'; username: string; password: string }
  | { operation: 'logout'; sessionId: string }
  | { operation: 'other'; name: string };

/** A fault: HTTP 500 with `faultcode` and `faultstring`. */
export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    /** `sf:INVALID_LOGIN`, or `soapenv:Client` for a request that is not SOAP. */
    readonly faultCode: string,
    message: string,
    /** The partner API's exception code for the detail element, when there is one. */
    readonly exceptionCode?: string,
    readonly detailMessage?: string,
  ) {
    super(message);
  }
}

/** The login result a `loginResponse` carries. */
export interface LoginResult {
  serverUrl: string;
  metadataServerUrl: string;
  sessionId: string;
  sessionSecondsValid: number;
  userId: string;
  organizationId: string;
  organizationName: string;
  username: string;
  userFullName: string;
  userEmail: string;
  userTimeZone: string;
}

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
});

/** Reads a SOAP request; a body that is not a SOAP envelope is a `soapenv:Client` fault. */
export function parseSoapRequest(xml: string): SoapRequest {
  // A document type could declare entities that expand without bound: SOAP forbids it anyway.
  if (/<!DOCTYPE/i.test(xml) || XMLValidator.validate(xml) !== true) {
    throw clientFault('the request body is not well-formed XML');
  }
  const envelope = asElement(asElement(parser.parse(xml))?.Envelope);
  const body = asElement(envelope?.Body);
  if (body === undefined) throw clientFault('the request is not a SOAP envelope with a Body');
  const name = Object.keys(body).find((key) => !key.startsWith('#'));
  if (name === undefined) throw clientFault('the SOAP Body names no operation');

  if (name === 'login') {
    const login = asElement(body.login);
    return { operation: 'login', username: text(login?.username), password: text(login?.password) };
  }
  if (name === 'logout') {
    const header = asElement(asElement(envelope?.Header)?.SessionHeader);
    return { operation: 'logout', sessionId: text(header?.sessionId).trim() };
  }
  return { operation: 'other', name };
}

/** The partner `loginResponse`. */
export function loginResponseXml(result: LoginResult): string {
  return envelope({
    loginResponse: {
      result: {
        metadataServerUrl: result.metadataServerUrl,
        passwordExpired: 'false',
        sandbox: 'false',
        serverUrl: result.serverUrl,
        sessionId: result.sessionId,
        userId: result.userId,
        userInfo: {
          accessibilityMode: 'false',
          currencySymbol: '$',
          orgAttachmentFileSizeLimit: '5242880',
          orgDefaultCurrencyIsoCode: 'USD',
          orgDisallowHtmlAttachments: 'false',
          orgHasPersonAccounts: 'false',
          organizationId: result.organizationId,
          organizationMultiCurrency: 'false',
          organizationName: result.organizationName,
          profileId: { '@_xsi:nil': 'true' },
          roleId: { '@_xsi:nil': 'true' },
          sessionSecondsValid: String(result.sessionSecondsValid),
          userDefaultCurrencyIsoCode: { '@_xsi:nil': 'true' },
          userEmail: result.userEmail,
          userFullName: result.userFullName,
          userId: result.userId,
          userLanguage: 'en_US',
          userLocale: 'en_US',
          userName: result.username,
          userTimeZone: result.userTimeZone,
          userType: 'Standard',
          userUiSkin: 'Theme3',
        },
      },
    },
  });
}

/** The partner `logoutResponse`. */
export function logoutResponseXml(): string {
  return envelope({ logoutResponse: '' });
}

/** A SOAP fault, with the partner API's detail element when the fault has an exception code. */
export function faultXml(fault: SoapFault): string {
  const type =
    fault.exceptionCode === 'INVALID_LOGIN' ? 'sf:LoginFault' : 'sf:UnexpectedErrorFault';
  const detail =
    fault.exceptionCode === undefined
      ? {}
      : {
          detail: {
            [type]: {
              '@_xsi:type': type,
              'sf:exceptionCode': fault.exceptionCode,
              'sf:exceptionMessage': fault.detailMessage ?? fault.message,
            },
          },
        };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV,
      '@_xmlns:sf': 'urn:fault.partner.soap.sforce.com',
      '@_xmlns:xsi': XSI,
      'soapenv:Body': {
        'soapenv:Fault': { faultcode: fault.faultCode, faultstring: fault.message, ...detail },
      },
    },
  }) as string;
}

/** A fault for a request that is not what the partner API takes. */
export function clientFault(message: string): SoapFault {
  return new SoapFault('soapenv:Client', message);
}

function envelope(body: Record<string, unknown>): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV,
      '@_xmlns': 'urn:partner.soap.sforce.com',
      '@_xmlns:xsi': XSI,
      'soapenv:Body': body,
    },
  }) as string;
}

function asElement(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The text of a simple element (`''` for an empty or missing one). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const element = asElement(value);
  return typeof element?.['#text'] === 'string' ? element['#text'] : '';
}
