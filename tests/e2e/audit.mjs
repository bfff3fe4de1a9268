// Reads what the app stored, straight from its IndexedDB database, and counts what a
// person could lose: events stored twice, events without their run, runs made twice,
// object ids drawn twice, deliveries left pending. Used by the trust specs after real
// races between tabs, early clicks and refused writes.

/** Everything the audit needs from the page's database (no eval: the app runs under a
 * strict Content-Security-Policy). */
export async function audit(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('sandflow');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store) => new Promise((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const [deliveries, runs, chunks, workflows] = await Promise.all(
      ['events', 'runs', 'objects', 'workflows'].map(all),
    );
    db.close();
    const events = [];
    let pending = 0;
    for (const d of deliveries) {
      const list = JSON.parse(d.json);
      if (d.pending !== undefined) pending += list.length;
      events.push(...list);
    }
    // Objects: later chunks (by id) hold newer versions.
    chunks.sort((a, b) => (a.id < b.id ? -1 : 1));
    const objects = new Map();
    let objectVersions = 0;
    for (const c of chunks) {
      if (!c.json) continue;
      for (const [, o] of JSON.parse(c.json)) {
        objects.set(o.id, o);
        objectVersions += 1;
      }
    }
    const runList = runs.map((r) => JSON.parse(r.json));
    const active = workflows.map((w) => JSON.parse(w.json)).filter((w) => w.status === 'active');
    // Each distinct event id once; a duplicate delivery (same id) is Stripe's retry, which
    // the dispatcher must not run twice.
    const eventIds = new Map();
    for (const e of events) if (!eventIds.has(e.id)) eventIds.set(e.id, e);
    const runsByKey = new Map();
    for (const r of runList) {
      const key = `${r.workflow_id} ${r.event.id}`;
      runsByKey.set(key, (runsByKey.get(key) || 0) + 1);
    }
    const runIds = new Set(runList.map((r) => r.id));
    // Which events should have run: the active workflows' trigger type (no conditions in
    // the trust specs' workflows).
    let missingRuns = 0;
    for (const [id, e] of eventIds) {
      for (const w of active) {
        if (w.trigger.event_type === e.type && !w.trigger.condition && !runsByKey.has(`${w.id} ${id}`)) {
          missingRuns += 1;
        }
      }
    }
    const customers = [...objects.values()].filter((o) => o.object === 'customer' && !o.deleted);
    // Two creations (different events) that got the same customer id.
    const createdBy = new Map();
    let customerIdCollisions = 0;
    for (const e of events) {
      if (e.type !== 'customer.created') continue;
      const seen = createdBy.get(e.data.object.id);
      if (seen && seen !== e.id) customerIdCollisions += 1;
      createdBy.set(e.data.object.id, e.id);
    }
    return {
      events: eventIds.size,
      eventRecords: events.length,
      pending,
      runs: runList.length,
      doubledRuns: [...runsByKey.values()].filter((n) => n > 1).length,
      duplicateRunIds: runList.length - runIds.size,
      missingRuns,
      customers: customers.length,
      customerNames: customers.map((c) => c.name),
      customerIdCollisions,
      objects: objects.size,
      objectVersions,
    };
  });
}
