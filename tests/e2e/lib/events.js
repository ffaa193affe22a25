// Finding events by `section.method` (the pallet's name in camelCase and the event's variant),
// among the `{ event }` records of a transaction (`sendAndFinalize`'s `events`) or of a block
// (`query.system.events()`), or among plain events.

/** Whether the event `event` is `section.method`. */
export function isEvent(event, section, method) {
  return event.section === section && event.method === method;
}

/** The first event `section.method` among `records`, or undefined. */
export function findEvent(records, section, method) {
  return records.find(({ event }) => isEvent(event, section, method))?.event;
}

/** Every event `section.method` among `records`, in order. */
export function findEvents(records, section, method) {
  return findRecords(records, section, method).map(({ event }) => event);
}

/** The records among `records` whose event is `section.method`, in order (with their other fields). */
export function findRecords(records, section, method) {
  return records.filter(({ event }) => isEvent(event, section, method));
}

/**
 * The next event `section.method` (for which `where(event)` holds) in a new best block, within
 * `timeoutMs`: for what the chain does by itself (hooks), not in answer to a transaction.
 */
export function nextEvent(api, section, method, { timeoutMs = 120_000, where = () => true } = {}) {
  let unsubscribe;
  const found = new Promise((ok, fail) => {
    api.query.system
      .events((records) => {
        const hit = records.find(({ event }) => isEvent(event, section, method) && where(event));
        if (hit) ok(hit.event);
      })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(fail);
  });
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no ${section}.${method} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([found, timeout]).finally(() => {
    clearTimeout(timer);
    if (unsubscribe) unsubscribe();
  });
}
