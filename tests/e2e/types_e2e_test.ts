/**
 * The typed handles of issue 19 against the local control plane: objects
 * built with the hand-written types are created through their handles and
 * read back as the server stored them.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  type ApplyConfiguration,
  type ClusterRole,
  type ClusterRoleBinding,
  type CronJob,
  type HorizontalPodAutoscaler,
  type Ingress,
  type Role,
  type RoleBinding,
  type StatefulSet,
} from "../../mod.ts";
import { withNamespace } from "./_cluster.ts";

const IMAGE = "registry.k8s.io/pause:3.10";

Deno.test("e2e types: a StatefulSet, a CronJob, an Ingress and an HPA are created through their typed handles and read back", async () => {
  await withNamespace(async (ns, client) => {
    const statefulSets = Api.v1StatefulSet(client).within(ns);
    const db: StatefulSet = {
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        replicas: 2,
        podManagementPolicy: "Parallel",
        selector: { matchLabels: { app: "db" } },
        template: {
          metadata: { labels: { app: "db" } },
          spec: {
            containers: [{
              name: "main",
              image: IMAGE,
              resources: { requests: { cpu: 1, memory: "64Mi" } },
              readinessProbe: { tcpSocket: { port: "sql" }, periodSeconds: 5 },
              ports: [{ name: "sql", containerPort: 5432 }],
            }],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        }],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
      },
    };
    await statefulSets.create(db);
    const gotDb = await statefulSets.get("db");
    assert.equal(gotDb.kind, "StatefulSet");
    assert.equal(gotDb.spec.podManagementPolicy, "Parallel");
    // cpu: 1 went as a number; the server answers with the canonical string.
    assert.equal(gotDb.spec.template.spec?.containers[0].resources?.requests?.cpu, "1");
    assert.equal(gotDb.spec.volumeClaimTemplates?.[0].metadata.name, "data");
    assert.equal(gotDb.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted, "Delete");

    const cronJobs = Api.v1CronJob(client).within(ns);
    const backup: CronJob = {
      metadata: { name: "backup" },
      spec: {
        schedule: "0 3 * * *",
        timeZone: "Etc/UTC",
        concurrencyPolicy: "Forbid",
        suspend: true,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            template: {
              spec: { restartPolicy: "OnFailure", containers: [{ name: "main", image: IMAGE }] },
            },
          },
        },
      },
    };
    await cronJobs.create(backup);
    const gotBackup = await cronJobs.get("backup");
    assert.equal(gotBackup.spec?.schedule, "0 3 * * *");
    assert.equal(gotBackup.spec?.timeZone, "Etc/UTC");
    assert.equal(gotBackup.spec?.jobTemplate.spec?.backoffLimit, 2);

    const ingresses = Api.v1Ingress(client).within(ns);
    const web: Ingress = {
      metadata: { name: "web" },
      spec: {
        tls: [{ hosts: ["web.example.com"], secretName: "web-tls" }],
        rules: [{
          host: "web.example.com",
          http: {
            paths: [{
              path: "/",
              pathType: "Prefix",
              backend: { service: { name: "web", port: { name: "http" } } },
            }],
          },
        }],
      },
    };
    await ingresses.create(web);
    const gotWeb = await ingresses.get("web");
    assert.equal(gotWeb.spec?.rules?.[0].http?.paths[0].backend.service?.port?.name, "http");
    assert.deepEqual(gotWeb.spec?.tls?.[0].hosts, ["web.example.com"]);

    const autoscalers = Api.v2HorizontalPodAutoscaler(client).within(ns);
    const hpa: HorizontalPodAutoscaler = {
      metadata: { name: "db" },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "StatefulSet", name: "db" },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [{
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
        }],
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: 300,
            policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
          },
        },
      },
    };
    await autoscalers.create(hpa);
    const gotHpa = await autoscalers.get("db");
    assert.equal(gotHpa.spec?.scaleTargetRef.kind, "StatefulSet");
    assert.equal(gotHpa.spec?.metrics?.[0].resource?.target.averageUtilization, 70);
    assert.equal(gotHpa.spec?.behavior?.scaleDown?.policies?.[0].value, 1);

    // Server-side apply with a typed ApplyConfiguration: only replicas, taken over by force.
    const scale: ApplyConfiguration<StatefulSet> = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: { replicas: 3 },
    };
    const scaled = await statefulSets.patch("db", {
      type: "apply",
      fieldManager: "kube-e2e-scaler",
      force: true,
      body: scale,
    });
    assert.equal(scaled.spec.replicas, 3);
    assert.equal(scaled.spec.podManagementPolicy, "Parallel", "fields left out are untouched");
    assert.ok(scaled.metadata.managedFields?.some((f) => f.manager === "kube-e2e-scaler"));

    const listed = await statefulSets.list();
    assert.deepEqual(listed.items.map((s) => `${s.kind} ${s.metadata.name}`), ["StatefulSet db"]);
  });
});

Deno.test("e2e types: RBAC objects (Role, RoleBinding, ClusterRole, ClusterRoleBinding) are created through their typed handles and read back", async () => {
  await withNamespace(async (ns, client) => {
    const roles = Api.v1Role(client).within(ns);
    const reader: Role = {
      metadata: { name: "pod-reader" },
      rules: [{
        apiGroups: [""],
        resources: ["pods", "pods/log"],
        verbs: ["get", "list", "watch"],
      }],
    };
    await roles.create(reader);
    const roleBindings = Api.v1RoleBinding(client).within(ns);
    const binding: RoleBinding = {
      metadata: { name: "read-pods" },
      subjects: [{ kind: "ServiceAccount", name: "default", namespace: ns }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
    };
    await roleBindings.create(binding);
    assert.deepEqual((await roles.get("pod-reader")).rules?.[0].resources, ["pods", "pods/log"]);
    assert.equal((await roleBindings.get("read-pods")).roleRef.name, "pod-reader");

    // Cluster-scoped: named after the namespace, so that runs do not collide, and deleted after.
    const clusterRoles = Api.v1ClusterRole(client);
    const clusterRoleBindings = Api.v1ClusterRoleBinding(client);
    const name = `${ns}-node-watcher`;
    try {
      const watcher: ClusterRole = {
        metadata: { name, labels: { "kube-e2e/aggregate": ns } },
        rules: [
          { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch"] },
          { nonResourceURLs: ["/healthz"], verbs: ["get"] },
        ],
      };
      await clusterRoles.create(watcher);
      const clusterBinding: ClusterRoleBinding = {
        metadata: { name },
        subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "watchers" }],
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
      };
      await clusterRoleBindings.create(clusterBinding);
      const gotRole = await clusterRoles.get(name);
      assert.equal(gotRole.kind, "ClusterRole");
      assert.deepEqual(gotRole.rules?.[1].nonResourceURLs, ["/healthz"]);
      const gotBinding = await clusterRoleBindings.get(name);
      assert.equal(gotBinding.subjects?.[0].kind, "Group");
      assert.equal(gotBinding.roleRef.kind, "ClusterRole");
    } finally {
      await clusterRoleBindings.delete(name).catch(() => {});
      await clusterRoles.delete(name).catch(() => {});
    }
  });
});
