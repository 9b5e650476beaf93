/**
 * Hand-written interfaces for the resources kube knows, and the generic
 * object type for the ones it does not.
 *
 * @module
 */

export * from "./meta.ts";
export * from "./core_v1.ts";
export * from "./apps_v1.ts";
export * from "./apiextensions_v1.ts";
export * from "./batch_v1.ts";
export * from "./coordination_v1.ts";
export * from "./events_v1.ts";
export * from "./autoscaling_v1.ts";
export * from "./policy_v1.ts";
export * from "./admissionregistration_v1.ts";
export * from "./scheduling_v1alpha3.ts";
export * from "./networking_v1.ts";
export * from "./discovery_v1.ts";
export * from "./rbac_v1.ts";
export * from "./autoscaling_v2.ts";
export * from "./storage_v1.ts";
export * from "./scheduling_v1.ts";
