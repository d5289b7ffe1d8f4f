import { randomUUID } from 'node:crypto';

/**
 * Large bridge replies, handed to the page over plain HTTP instead of the
 * DevTools protocol. Playwright's binding carries a reply as one protocol
 * message, which took 6.8 s for a 1M-character document with 20,000 spans;
 * the loopback static server streams the same bytes in a few milliseconds.
 * Each parcel is fetched once, by an unguessable name, and then forgotten.
 */
const parcels = new Map<string, string>();

/** Above this length (UTF-16 units of its JSON) a reply travels as a parcel. */
export const PARCEL_MIN_LENGTH = 64 * 1024;

export const PARCEL_PATH = '/__parcel/';

export function putParcel(body: string): string {
  const name = randomUUID();
  parcels.set(name, body);
  return name;
}

export function takeParcel(name: string): string | undefined {
  const body = parcels.get(name);
  parcels.delete(name);
  return body;
}
