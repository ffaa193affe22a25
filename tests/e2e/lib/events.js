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
