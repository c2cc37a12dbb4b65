export * from "./web/orderbridge.js";
