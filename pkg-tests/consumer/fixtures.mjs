// Payloads shared by the consumer tests.

/** A complete, valid canonical order. */
export const canonicalOrder = {
  number: "ORD-1001",
  kind: "delivery",
  date: "2024-03-22",
  location: {
    lat: 48.870852,
    lon: 2.356148,
    address: "12 Rue du Faubourg Saint-Denis, 75010 Paris, France",
    name: "Boulangerie du Faubourg",
  },
  contact: { name: "Marie Curie", phone: "+33 1 23 45 67 89", email: "marie@example.com" },
  timeWindows: [{ kind: "local", start: 36000, end: 50400, date: "2024-03-22", timeZone: "Europe/Paris", endBounds: "serviceStart" }],
  service: { durationS: 300 },
  load: { weightKg: 5.1, volume: 0.02, packages: 3 },
  priority: "high",
  requirements: { skills: ["fragile"] },
  customFields: { floor: 3, intercom: "B12" },
};

/** A canonical order with four problems: wrong type, latitude out of range, unknown enum value, unknown field. */
export const brokenOrder = {
  number: 1001,
  location: { lat: 148.87, lon: 2.35 },
  priority: "urgent",
  colour: "red",
};

/** `n` valid orders as a canonical batch. */
export function batch(n) {
  const orders = [];
  for (let i = 0; i < n; i++) {
    orders.push({ ...canonicalOrder, number: `ORD-${i}`, location: { ...canonicalOrder.location, lat: 48 + (i % 1000) / 1000 } });
  }
  return { orders };
}

// A canonical order OptimoRoute cannot hold all of: its second phone is lost. Every runtime's
// test reads the report (`issues`, `lost`), which the package builds in JavaScript from tables.
export const lossyOrder = { number: "A-1", kind: "delivery", date: "2024-03-22", location: { code: "L1" }, contact: { phone2: "+1 555" } };
export const lossyExpected = { lost: ["/contact/phone2"], issues: [["/contact/phone2", "LOSSY_CONVERSION", "warning"]] };

/** OptimoRoute orders whose Wialon output is over 64 KiB and all ASCII (the output's fast way
 * out of wasm memory, src/wasm/text.js), and the options that convert them. */
export const largeAsciiBatch = Array.from({ length: 600 }, (_, i) => ({
  orderNo: `B-${i}`,
  date: "2024-03-22",
  location: { address: `${i} Main St`, latitude: 42.35, longitude: -71.06 },
  timeWindows: [{ twFrom: "09:00", twTo: "11:00" }],
}));
export const largeBatchOptions = { from: "optimoroute", to: "wialon", timeZone: "America/New_York", defaults: { vendor: { wialon: { itemId: 734 } } } };
