/**
 * networking.k8s.io/v1: Ingress, IngressClass and NetworkPolicy, with
 * every field of Kubernetes 1.37.
 *
 * @module
 */

import type { IntOrString, KubeList, KubeObject, LabelSelector } from "./meta.ts";
import type { Protocol, TypedLocalObjectReference } from "./core_v1.ts";

// ---------------------------------------------------------------------------
// Ingress
// ---------------------------------------------------------------------------

/**
 * A port of a Service, by name or by number (exactly one).
 *
 * @example
 * ```ts
 * import type { ServiceBackendPort } from "./networking_v1.ts";
 * const byNumber: ServiceBackendPort = { number: 80 };
 * const byName: ServiceBackendPort = { name: "http" };
 * ```
 */
export interface ServiceBackendPort {
  /** The port's name on the Service. Excludes `number`. */
  name?: string;
  /** The port's number on the Service, e.g. 80. Excludes `name`. */
  number?: number;
}

/**
 * A Service in the Ingress's namespace that receives the traffic.
 *
 * @example
 * ```ts
 * import type { IngressServiceBackend } from "./networking_v1.ts";
 * const b: IngressServiceBackend = { name: "web", port: { number: 80 } };
 * ```
 */
export interface IngressServiceBackend {
  /** The Service's name. */
  name: string;
  /** Which of its ports; a name or a number is needed. */
  port?: ServiceBackendPort;
}

/**
 * Where an Ingress sends matching traffic: a Service, or another object in
 * the same namespace (such as a storage bucket of the controller's own
 * kind), not both.
 *
 * @example
 * ```ts
 * import type { IngressBackend } from "./networking_v1.ts";
 * const b: IngressBackend = { service: { name: "web", port: { name: "http" } } };
 * ```
 */
export interface IngressBackend {
  /** A Service. Excludes `resource`. */
  service?: IngressServiceBackend;
  /** Another object in the Ingress's namespace. Excludes `service`. */
  resource?: TypedLocalObjectReference;
}

/**
 * How an Ingress path matches a request's path: `Exact` (the whole path,
 * case-sensitive), `Prefix` (whole `/`-separated elements: `/foo/bar`
 * matches `/foo/bar/baz` but not `/foo/barbaz`) or
 * `ImplementationSpecific` (as the IngressClass decides).
 */
export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

/**
 * A path of an Ingress rule, and the backend it leads to.
 *
 * @example
 * ```ts
 * import type { HTTPIngressPath } from "./networking_v1.ts";
 * const p: HTTPIngressPath = { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } };
 * ```
 */
export interface HTTPIngressPath {
  /**
   * Matched against the request's path (before `?` and `#`); starts with
   * `/`, and is required for `Exact` and `Prefix`.
   */
  path?: string;
  /** How `path` matches. */
  pathType: PathType;
  /** Where matching requests go. */
  backend: IngressBackend;
}

/**
 * The HTTP paths of an Ingress rule.
 *
 * @example
 * ```ts
 * import type { HTTPIngressRuleValue } from "./networking_v1.ts";
 * const v: HTTPIngressRuleValue = { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] };
 * ```
 */
export interface HTTPIngressRuleValue {
  /** The paths and their backends. */
  paths: HTTPIngressPath[];
}

/**
 * The paths an Ingress routes for one host (or for every host).
 *
 * @example
 * ```ts
 * import type { IngressRule } from "./networking_v1.ts";
 * const r: IngressRule = {
 *   host: "shop.example.com",
 *   http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] },
 * };
 * ```
 */
export interface IngressRule {
  /**
   * The host name the rule is for: an exact name (`foo.bar.com`, no IP,
   * no port, no final dot) or a wildcard of one leading label
   * (`*.foo.com`). Every host if unset.
   */
  host?: string;
  /** The HTTP paths for this host. */
  http?: HTTPIngressRuleValue;
}

/**
 * A TLS certificate an Ingress serves on port 443, and the hosts it is
 * for (told apart by SNI).
 *
 * @example
 * ```ts
 * import type { IngressTLS } from "./networking_v1.ts";
 * const tls: IngressTLS = { hosts: ["shop.example.com"], secretName: "shop-tls" };
 * ```
 */
export interface IngressTLS {
  /**
   * Hosts the certificate covers, matching its names; the controller's
   * wildcard host if unset.
   */
  hosts?: string[];
  /**
   * The `kubernetes.io/tls` Secret that holds the certificate. May be left
   * out for routing by SNI alone; when the SNI host and the `Host` header
   * differ, SNI picks the certificate and `Host` the route.
   */
  secretName?: string;
}

/**
 * What an Ingress should route.
 *
 * @example
 * ```ts
 * import type { IngressSpec } from "./networking_v1.ts";
 * const spec: IngressSpec = { ingressClassName: "nginx", defaultBackend: { service: { name: "web", port: { number: 80 } } } };
 * ```
 */
export interface IngressSpec {
  /**
   * The IngressClass (cluster-scoped) whose controller serves it; it
   * replaces the deprecated `kubernetes.io/ingress.class` annotation,
   * which controllers still honour.
   */
  ingressClassName?: string;
  /**
   * Where requests that match no rule go; required without `rules`. If
   * unset, the controller decides.
   */
  defaultBackend?: IngressBackend;
  /** TLS certificates, all served on port 443. */
  tls?: IngressTLS[];
  /** Host rules; traffic that matches none goes to `defaultBackend`. */
  rules?: IngressRule[];
}

/**
 * The state of one port of an Ingress's load balancer.
 *
 * @example
 * ```ts
 * import type { IngressPortStatus } from "./networking_v1.ts";
 * const p: IngressPortStatus = { port: 443, protocol: "TCP" };
 * ```
 */
export interface IngressPortStatus {
  /** The port number. */
  port: number;
  /** `TCP`, `UDP` or `SCTP`. */
  protocol: Protocol;
  /**
   * What is wrong with the port, if anything: a CamelCase built-in value
   * or a provider's `example.com/CamelCase`.
   */
  error?: string;
}

/**
 * One address where an Ingress's load balancer takes traffic.
 *
 * @example
 * ```ts
 * import type { IngressLoadBalancerIngress } from "./networking_v1.ts";
 * const a: IngressLoadBalancerIngress = { ip: "203.0.113.7" };
 * ```
 */
export interface IngressLoadBalancerIngress {
  /** Its IP address, for IP-based load balancers. */
  ip?: string;
  /** Its DNS name, for DNS-based load balancers. */
  hostname?: string;
  /** The state of its ports. */
  ports?: IngressPortStatus[];
}

/**
 * The load balancer of an Ingress.
 *
 * @example
 * ```ts
 * import type { IngressLoadBalancerStatus } from "./networking_v1.ts";
 * const lb: IngressLoadBalancerStatus = { ingress: [{ hostname: "lb-1234.example.net" }] };
 * ```
 */
export interface IngressLoadBalancerStatus {
  /** Where it takes traffic. */
  ingress?: IngressLoadBalancerIngress[];
}

/**
 * What the Ingress controller reports about an Ingress.
 *
 * @example
 * ```ts
 * import type { IngressStatus } from "./networking_v1.ts";
 * const s: IngressStatus = { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } };
 * ```
 */
export interface IngressStatus {
  /** The load balancer in front of it. */
  loadBalancer?: IngressLoadBalancerStatus;
}

/**
 * An Ingress: HTTP(S) routes from outside the cluster to Services, by host
 * and path, with TLS termination; an Ingress controller carries them out.
 *
 * @example
 * ```ts
 * import type { Ingress } from "./networking_v1.ts";
 * const ingress: Ingress = {
 *   apiVersion: "networking.k8s.io/v1", kind: "Ingress",
 *   metadata: { name: "shop", annotations: { "nginx.ingress.kubernetes.io/rewrite-target": "/" } },
 *   spec: {
 *     ingressClassName: "nginx",
 *     tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
 *     rules: [{
 *       host: "shop.example.com",
 *       http: {
 *         paths: [
 *           { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } },
 *           { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } },
 *         ],
 *       },
 *     }],
 *   },
 * };
 * ```
 */
export type Ingress = KubeObject<IngressSpec, IngressStatus>;

/** A page of Ingresses, as `list` returns it. */
export type IngressList = KubeList<Ingress>;

// ---------------------------------------------------------------------------
// IngressClass
// ---------------------------------------------------------------------------

/**
 * An object (often a custom resource) that holds an IngressClass's
 * controller settings.
 *
 * @example
 * ```ts
 * import type { IngressClassParametersReference } from "./networking_v1.ts";
 * const p: IngressClassParametersReference = { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb" };
 * ```
 */
export interface IngressClassParametersReference {
  /** The object's API group; the core group if unset. */
  apiGroup?: string;
  /** The object's kind. */
  kind: string;
  /** The object's name. */
  name: string;
  /** `Cluster` (the default) or `Namespace`: whether the object is namespaced. */
  scope?: "Cluster" | "Namespace";
  /** The object's namespace; required with scope `Namespace`, unset with `Cluster`. */
  namespace?: string;
}

/**
 * Which controller serves an IngressClass, with which settings.
 *
 * @example
 * ```ts
 * import type { IngressClassSpec } from "./networking_v1.ts";
 * const spec: IngressClassSpec = { controller: "k8s.io/ingress-nginx" };
 * ```
 */
export interface IngressClassSpec {
  /**
   * The controller, a domain-prefixed path of at most 250 characters
   * (`example.com/ingress-controller`); one controller may serve several
   * classes with different parameters. Immutable.
   */
  controller?: string;
  /** Extra settings for the controller, where it needs them. */
  parameters?: IngressClassParametersReference;
}

/**
 * An IngressClass (cluster-scoped): a kind of Ingress that one controller
 * serves. The annotation `ingressclass.kubernetes.io/is-default-class:
 * "true"` on exactly one makes it the class of Ingresses that name none.
 *
 * @example
 * ```ts
 * import type { IngressClass } from "./networking_v1.ts";
 * const nginx: IngressClass = {
 *   apiVersion: "networking.k8s.io/v1", kind: "IngressClass",
 *   metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
 *   spec: { controller: "k8s.io/ingress-nginx" },
 * };
 * ```
 */
export type IngressClass = KubeObject<IngressClassSpec, never>;

/** A page of IngressClasses, as `list` returns it. */
export type IngressClassList = KubeList<IngressClass>;

// ---------------------------------------------------------------------------
// NetworkPolicy
// ---------------------------------------------------------------------------

/**
 * A range of IP addresses, less some sub-ranges.
 *
 * @example
 * ```ts
 * import type { IPBlock } from "./networking_v1.ts";
 * const b: IPBlock = { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] };
 * ```
 */
export interface IPBlock {
  /** The range, e.g. `192.168.1.0/24` or `2001:db8::/64`. */
  cidr: string;
  /** Ranges inside `cidr` to leave out. */
  except?: string[];
}

/**
 * The other end of allowed traffic: pods picked by labels (optionally in
 * namespaces picked by labels), or an IP range.
 *
 * @example
 * ```ts
 * import type { NetworkPolicyPeer } from "./networking_v1.ts";
 * const monitoring: NetworkPolicyPeer = {
 *   namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
 *   podSelector: { matchLabels: { app: "prometheus" } },
 * };
 * ```
 */
export interface NetworkPolicyPeer {
  /**
   * Pods by label (`{}` is every pod): in the namespaces of
   * `namespaceSelector` if set, else in the policy's own namespace.
   */
  podSelector?: LabelSelector;
  /**
   * Namespaces by label (`{}` is every namespace): all their pods, or
   * those that `podSelector` picks.
   */
  namespaceSelector?: LabelSelector;
  /** An IP range; excludes the two selectors. */
  ipBlock?: IPBlock;
}

/**
 * A port (or a range of ports) that traffic may use.
 *
 * @example
 * ```ts
 * import type { NetworkPolicyPort } from "./networking_v1.ts";
 * const dns: NetworkPolicyPort = { protocol: "UDP", port: 53 };
 * const range: NetworkPolicyPort = { protocol: "TCP", port: 32000, endPort: 32768 };
 * ```
 */
export interface NetworkPolicyPort {
  /** `TCP` (the default), `UDP` or `SCTP`. */
  protocol?: Protocol;
  /** A port number or a named pod port; every port if unset. */
  port?: IntOrString;
  /**
   * The last port of a range starting at `port` (a number, not a name),
   * inclusive.
   */
  endPort?: number;
}

/**
 * Traffic allowed into the selected pods: from any of `from`, on any of
 * `ports`. An empty or missing list does not restrict.
 *
 * @example
 * ```ts
 * import type { NetworkPolicyIngressRule } from "./networking_v1.ts";
 * const r: NetworkPolicyIngressRule = { from: [{ podSelector: { matchLabels: { role: "frontend" } } }], ports: [{ port: 6379 }] };
 * ```
 */
export interface NetworkPolicyIngressRule {
  /** The destination ports on the selected pods. */
  ports?: NetworkPolicyPort[];
  /** The sources. */
  from?: NetworkPolicyPeer[];
}

/**
 * Traffic allowed out of the selected pods: to any of `to`, on any of
 * `ports`. An empty or missing list does not restrict.
 *
 * @example
 * ```ts
 * import type { NetworkPolicyEgressRule } from "./networking_v1.ts";
 * const r: NetworkPolicyEgressRule = { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 5432 }] };
 * ```
 */
export interface NetworkPolicyEgressRule {
  /** The destination ports. */
  ports?: NetworkPolicyPort[];
  /** The destinations. */
  to?: NetworkPolicyPeer[];
}

/**
 * Which pods a NetworkPolicy isolates, and what traffic it allows them.
 *
 * @example
 * ```ts
 * import type { NetworkPolicySpec } from "./networking_v1.ts";
 * const denyAll: NetworkPolicySpec = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
 * ```
 */
export interface NetworkPolicySpec {
  /**
   * The pods in the policy's namespace it applies to; `{}` (the default)
   * is all of them. Policies that select the same pod add up.
   */
  podSelector?: LabelSelector;
  /**
   * Traffic allowed in. A selected pod takes what some policy allows (and
   * traffic from its own node); an empty list allows nothing in.
   */
  ingress?: NetworkPolicyIngressRule[];
  /** Traffic allowed out; an empty list allows nothing out. */
  egress?: NetworkPolicyEgressRule[];
  /**
   * The directions the policy isolates. If unset, `Ingress` always, and
   * `Egress` if there are `egress` rules: an egress-only or a deny-all
   * egress policy must list `Egress` itself.
   */
  policyTypes?: ("Ingress" | "Egress")[];
}

/**
 * A NetworkPolicy: the traffic that selected pods may receive and send.
 * Once a policy selects a pod for a direction, only what policies allow
 * passes; the network plugin enforces it.
 *
 * @example
 * ```ts
 * import type { NetworkPolicy } from "./networking_v1.ts";
 * const policy: NetworkPolicy = {
 *   apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
 *   metadata: { name: "redis", namespace: "shop" },
 *   spec: {
 *     podSelector: { matchLabels: { app: "redis" } },
 *     policyTypes: ["Ingress", "Egress"],
 *     ingress: [{ from: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ protocol: "TCP", port: 6379 }] }],
 *     egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }] }],
 *   },
 * };
 * ```
 */
export type NetworkPolicy = KubeObject<NetworkPolicySpec, never>;

/** A page of NetworkPolicies, as `list` returns it. */
export type NetworkPolicyList = KubeList<NetworkPolicy>;
