// The QEV (queue-extractable value) redemption queue as the tests read it.

/** `qevApi.ticket(id)`, unwrapped: the ticket, its position in the queue and its expected fill. */
export async function ticketView(at, id) {
  return (await at.call.qevApi.ticket(id)).unwrap();
}
