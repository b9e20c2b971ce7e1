/**
 * The baseline: the same bookkeeping a chain job does per event, written straight against
 * SQLite with prepared statements, one transaction per event: select the next pending event by
 * index, insert a job row, update the event, update the job.
 */
import Database from 'better-sqlite3';

export function rawBookkeepingRate(path: string, events: number): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE ev (id TEXT PRIMARY KEY, type TEXT COLLATE NOCASE, status TEXT COLLATE NOCASE, ts INTEGER, name TEXT COLLATE NOCASE, payload TEXT, job TEXT) STRICT;
           CREATE INDEX ev_next ON ev (type, status, ts, name);
           CREATE TABLE job (id TEXT PRIMARY KEY, class TEXT, status TEXT, created INTEGER, completed INTEGER) STRICT;`);
  const insertEvent = db.prepare('INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?, NULL)');
  db.transaction(() => {
    for (let i = 0; i < events; i++)
      insertEvent.run(
        `e${i}`,
        'Customer',
        'Pending',
        1000,
        `AE-${String(i).padStart(7, '0')}`,
        '{"customerId":"c"}',
      );
  })();

  const next = db.prepare<[], { id: string }>(
    "SELECT id FROM ev WHERE type = 'Customer' AND status = 'Pending' ORDER BY ts, name LIMIT 1",
  );
  const insertJob = db.prepare(
    "INSERT INTO job VALUES (?, 'AFLO.AsyncEventQueueable', 'Processing', ?, NULL)",
  );
  const updateEvent = db.prepare("UPDATE ev SET status = 'Processed', job = ? WHERE id = ?");
  const updateJob = db.prepare("UPDATE job SET status = 'Completed', completed = ? WHERE id = ?");
  const step = db.transaction((n: number) => {
    const row = next.get();
    if (row === undefined) throw new Error('no pending event left');
    insertJob.run(`j${n}`, Date.now());
    updateEvent.run(`j${n}`, row.id);
    updateJob.run(Date.now(), `j${n}`);
  });

  const started = performance.now();
  for (let n = 0; n < events; n++) step(n);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return events / seconds;
}
