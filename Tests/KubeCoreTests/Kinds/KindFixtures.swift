/// Objects as an API server returns them (`kubectl get -o json`), including the `null` members it prints.
enum KindFixtures {
    static let deployment = #"""
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "annotations": {"deployment.kubernetes.io/revision": "3"},
                "creationTimestamp": "2026-03-01T10:00:00Z",
                "generation": 5,
                "labels": {"app.kubernetes.io/name": "orders", "app.kubernetes.io/managed-by": "agri-operator"},
                "managedFields": [
                    {
                        "apiVersion": "apps/v1",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {"f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {}}}}},
                        "manager": "agri-operator",
                        "operation": "Apply",
                        "time": "2026-03-01T10:05:00Z"
                    }
                ],
                "name": "orders",
                "namespace": "shop",
                "ownerReferences": [
                    {
                        "apiVersion": "platform.agri.io/v1alpha1",
                        "blockOwnerDeletion": true,
                        "controller": true,
                        "kind": "AgriPlatform",
                        "name": "shop",
                        "uid": "8d1f7c3e-7a1b-4e5c-9f00-1a2b3c4d5e6f"
                    }
                ],
                "resourceVersion": "123456",
                "uid": "0b6f0a8c-3a57-4bd9-8c87-0e5d3cfa9f11"
            },
            "spec": {
                "progressDeadlineSeconds": 600,
                "replicas": 3,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app.kubernetes.io/name": "orders"}},
                "strategy": {
                    "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0},
                    "type": "RollingUpdate"
                },
                "template": {
                    "metadata": {
                        "creationTimestamp": null,
                        "labels": {"app.kubernetes.io/name": "orders"}
                    },
                    "spec": {
                        "containers": [
                            {
                                "env": [
                                    {"name": "LOG_LEVEL", "value": "info"},
                                    {
                                        "name": "POD_NAME",
                                        "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}
                                    },
                                    {
                                        "name": "DB_PASSWORD",
                                        "valueFrom": {"secretKeyRef": {"key": "password", "name": "orders-db"}}
                                    }
                                ],
                                "image": "ghcr.io/agri/orders:1.4.2",
                                "imagePullPolicy": "IfNotPresent",
                                "livenessProbe": {
                                    "failureThreshold": 3,
                                    "httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"},
                                    "periodSeconds": 10,
                                    "successThreshold": 1,
                                    "timeoutSeconds": 1
                                },
                                "name": "orders",
                                "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                                "readinessProbe": {
                                    "failureThreshold": 3,
                                    "grpc": {"port": 9090, "service": ""},
                                    "periodSeconds": 5,
                                    "successThreshold": 1,
                                    "timeoutSeconds": 1
                                },
                                "resources": {
                                    "limits": {"memory": "512Mi"},
                                    "requests": {"cpu": "250m", "memory": "256Mi"}
                                },
                                "securityContext": {
                                    "allowPrivilegeEscalation": false,
                                    "capabilities": {"drop": ["ALL"]},
                                    "readOnlyRootFilesystem": true,
                                    "runAsNonRoot": true
                                },
                                "terminationMessagePath": "/dev/termination-log",
                                "terminationMessagePolicy": "File",
                                "volumeMounts": [{"mountPath": "/etc/orders", "name": "config", "readOnly": true}]
                            }
                        ],
                        "dnsPolicy": "ClusterFirst",
                        "restartPolicy": "Always",
                        "schedulerName": "default-scheduler",
                        "securityContext": {"fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}},
                        "serviceAccount": "orders",
                        "serviceAccountName": "orders",
                        "terminationGracePeriodSeconds": 30,
                        "topologySpreadConstraints": [
                            {
                                "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "orders"}},
                                "maxSkew": 1,
                                "topologyKey": "topology.kubernetes.io/zone",
                                "whenUnsatisfiable": "ScheduleAnyway"
                            }
                        ],
                        "volumes": [
                            {"configMap": {"defaultMode": 420, "name": "orders-config"}, "name": "config"},
                            {"emptyDir": {}, "name": "tmp"}
                        ]
                    }
                }
            },
            "status": {
                "availableReplicas": 3,
                "conditions": [
                    {
                        "lastTransitionTime": "2026-03-01T10:01:00Z",
                        "lastUpdateTime": "2026-03-01T10:01:00Z",
                        "message": "Deployment has minimum availability.",
                        "reason": "MinimumReplicasAvailable",
                        "status": "True",
                        "type": "Available"
                    },
                    {
                        "lastTransitionTime": "2026-03-01T10:00:00Z",
                        "lastUpdateTime": "2026-03-01T10:06:00Z",
                        "message": "ReplicaSet \"orders-7c9d8f6b5\" has successfully progressed.",
                        "reason": "NewReplicaSetAvailable",
                        "status": "True",
                        "type": "Progressing"
                    }
                ],
                "observedGeneration": 5,
                "readyReplicas": 3,
                "replicas": 3,
                "updatedReplicas": 3
            }
        }
        """#

    static let pod = #"""
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "creationTimestamp": "2026-03-01T10:05:10Z",
                "generateName": "orders-7c9d8f6b5-",
                "labels": {"app.kubernetes.io/name": "orders", "pod-template-hash": "7c9d8f6b5"},
                "name": "orders-7c9d8f6b5-x2x9k",
                "namespace": "shop",
                "ownerReferences": [
                    {
                        "apiVersion": "apps/v1",
                        "blockOwnerDeletion": true,
                        "controller": true,
                        "kind": "ReplicaSet",
                        "name": "orders-7c9d8f6b5",
                        "uid": "5e0c7d2a-1111-4d3b-a0a0-222233334444"
                    }
                ],
                "resourceVersion": "123470",
                "uid": "a9f3c1de-5555-4a6b-8c7d-666677778888"
            },
            "spec": {
                "containers": [
                    {
                        "image": "ghcr.io/agri/orders:1.4.2",
                        "imagePullPolicy": "IfNotPresent",
                        "name": "orders",
                        "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File",
                        "volumeMounts": [
                            {
                                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                "name": "kube-api-access-8xq2m",
                                "readOnly": true
                            }
                        ]
                    }
                ],
                "dnsPolicy": "ClusterFirst",
                "enableServiceLinks": true,
                "nodeName": "worker-2",
                "preemptionPolicy": "PreemptLowerPriority",
                "priority": 0,
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "serviceAccount": "default",
                "serviceAccountName": "default",
                "terminationGracePeriodSeconds": 30,
                "tolerations": [
                    {
                        "effect": "NoExecute",
                        "key": "node.kubernetes.io/not-ready",
                        "operator": "Exists",
                        "tolerationSeconds": 300
                    }
                ],
                "volumes": [
                    {
                        "name": "kube-api-access-8xq2m",
                        "projected": {
                            "defaultMode": 420,
                            "sources": [
                                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}}
                            ]
                        }
                    }
                ]
            },
            "status": {
                "conditions": [
                    {"lastProbeTime": null, "lastTransitionTime": "2026-03-01T10:05:12Z", "status": "True", "type": "Initialized"},
                    {"lastProbeTime": null, "lastTransitionTime": "2026-03-01T10:05:20Z", "status": "True", "type": "Ready"},
                    {"lastProbeTime": null, "lastTransitionTime": "2026-03-01T10:05:10Z", "status": "True", "type": "PodScheduled"}
                ],
                "containerStatuses": [
                    {
                        "containerID": "containerd://4f1c2b3a",
                        "image": "ghcr.io/agri/orders:1.4.2",
                        "imageID": "ghcr.io/agri/orders@sha256:0123abcd",
                        "lastState": {
                            "terminated": {
                                "containerID": "containerd://0a1b2c3d",
                                "exitCode": 137,
                                "finishedAt": "2026-03-01T10:05:14Z",
                                "reason": "OOMKilled",
                                "startedAt": "2026-03-01T10:05:12Z"
                            }
                        },
                        "name": "orders",
                        "ready": true,
                        "restartCount": 1,
                        "started": true,
                        "state": {"running": {"startedAt": "2026-03-01T10:05:15Z"}},
                        "volumeMounts": [
                            {
                                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                "name": "kube-api-access-8xq2m",
                                "readOnly": true,
                                "recursiveReadOnly": "Disabled"
                            }
                        ]
                    }
                ],
                "hostIP": "10.0.0.12",
                "hostIPs": [{"ip": "10.0.0.12"}],
                "phase": "Running",
                "podIP": "10.244.2.17",
                "podIPs": [{"ip": "10.244.2.17"}],
                "qosClass": "BestEffort",
                "startTime": "2026-03-01T10:05:10Z"
            }
        }
        """#

    static let customResourceDefinition = #"""
        {
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": {"name": "agriplatforms.platform.agri.io", "generation": 1},
            "spec": {
                "conversion": {"strategy": "None"},
                "group": "platform.agri.io",
                "names": {
                    "categories": ["all", "agri"],
                    "kind": "AgriPlatform",
                    "listKind": "AgriPlatformList",
                    "plural": "agriplatforms",
                    "shortNames": ["ap"],
                    "singular": "agriplatform"
                },
                "scope": "Namespaced",
                "versions": [
                    {
                        "additionalPrinterColumns": [
                            {"jsonPath": ".status.phase", "name": "Phase", "type": "string"},
                            {"jsonPath": ".spec.replicas", "name": "Replicas", "priority": 1, "type": "integer"}
                        ],
                        "name": "v1alpha1",
                        "schema": {
                            "openAPIV3Schema": {
                                "description": "AgriPlatform is the Schema for the agriplatforms API.",
                                "properties": {
                                    "apiVersion": {"type": "string"},
                                    "kind": {"type": "string"},
                                    "metadata": {"type": "object"},
                                    "spec": {
                                        "properties": {
                                            "replicas": {"default": 1, "format": "int32", "maximum": 100, "minimum": 0, "type": "integer"},
                                            "image": {"maxLength": 255, "minLength": 1, "pattern": "^[a-z0-9./:-]+$", "type": "string"},
                                            "tier": {"default": "standard", "enum": ["standard", "premium"], "type": "string"},
                                            "labels": {"additionalProperties": {"type": "string"}, "type": "object"},
                                            "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                                            "maxSurge": {
                                                "anyOf": [{"type": "integer"}, {"type": "string"}],
                                                "x-kubernetes-int-or-string": true
                                            },
                                            "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
                                            "ports": {
                                                "items": {
                                                    "properties": {
                                                        "name": {"type": "string"},
                                                        "port": {"format": "int32", "type": "integer"}
                                                    },
                                                    "required": ["name", "port"],
                                                    "type": "object"
                                                },
                                                "maxItems": 16,
                                                "type": "array",
                                                "x-kubernetes-list-map-keys": ["name"],
                                                "x-kubernetes-list-type": "map"
                                            },
                                            "selector": {
                                                "additionalProperties": {"type": "string"},
                                                "type": "object",
                                                "x-kubernetes-map-type": "atomic"
                                            },
                                            "nickname": {"nullable": true, "not": {"pattern": "^admin$"}, "type": "string"}
                                        },
                                        "required": ["image"],
                                        "type": "object",
                                        "x-kubernetes-validations": [
                                            {"message": "replicas is immutable", "rule": "self.replicas == oldSelf.replicas", "optionalOldSelf": false},
                                            {"fieldPath": ".tier", "messageExpression": "'bad tier ' + self.tier", "reason": "FieldValueInvalid", "rule": "self.tier != ''"}
                                        ]
                                    },
                                    "status": {
                                        "properties": {
                                            "phase": {"type": "string"},
                                            "replicas": {"format": "int32", "type": "integer"},
                                            "selector": {"type": "string"},
                                            "conditions": {
                                                "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                                                "type": "array",
                                                "x-kubernetes-list-map-keys": ["type"],
                                                "x-kubernetes-list-type": "map"
                                            }
                                        },
                                        "type": "object"
                                    }
                                },
                                "type": "object"
                            }
                        },
                        "served": true,
                        "storage": true,
                        "subresources": {
                            "scale": {
                                "labelSelectorPath": ".status.selector",
                                "specReplicasPath": ".spec.replicas",
                                "statusReplicasPath": ".status.replicas"
                            },
                            "status": {}
                        }
                    }
                ]
            },
            "status": {
                "acceptedNames": {
                    "categories": ["all", "agri"],
                    "kind": "AgriPlatform",
                    "listKind": "AgriPlatformList",
                    "plural": "agriplatforms",
                    "shortNames": ["ap"],
                    "singular": "agriplatform"
                },
                "conditions": [
                    {
                        "lastTransitionTime": "2026-03-01T09:00:00Z",
                        "message": "no conflicts found",
                        "reason": "NoConflicts",
                        "status": "True",
                        "type": "NamesAccepted"
                    },
                    {
                        "lastTransitionTime": "2026-03-01T09:00:01Z",
                        "message": "the initial names have been accepted",
                        "reason": "InitialNamesAccepted",
                        "status": "True",
                        "type": "Established"
                    }
                ],
                "storedVersions": ["v1alpha1"]
            }
        }
        """#

    static let horizontalPodAutoscaler = #"""
        {
            "apiVersion": "autoscaling/v2",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "orders", "namespace": "shop", "resourceVersion": "777"},
            "spec": {
                "behavior": {
                    "scaleDown": {
                        "policies": [{"periodSeconds": 60, "type": "Percent", "value": 10}],
                        "selectPolicy": "Max",
                        "stabilizationWindowSeconds": 300
                    },
                    "scaleUp": {
                        "policies": [
                            {"periodSeconds": 15, "type": "Percent", "value": 100},
                            {"periodSeconds": 15, "type": "Pods", "value": 4}
                        ],
                        "selectPolicy": "Max",
                        "stabilizationWindowSeconds": 0
                    }
                },
                "maxReplicas": 20,
                "metrics": [
                    {"resource": {"name": "cpu", "target": {"averageUtilization": 70, "type": "Utilization"}}, "type": "Resource"},
                    {
                        "containerResource": {"container": "orders", "name": "memory", "target": {"averageValue": "400Mi", "type": "AverageValue"}},
                        "type": "ContainerResource"
                    },
                    {
                        "pods": {"metric": {"name": "http_requests_per_second"}, "target": {"averageValue": "100", "type": "AverageValue"}},
                        "type": "Pods"
                    },
                    {
                        "object": {
                            "describedObject": {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "name": "orders"},
                            "metric": {"name": "requests-per-second"},
                            "target": {"type": "Value", "value": "10k"}
                        },
                        "type": "Object"
                    },
                    {
                        "external": {
                            "metric": {"name": "queue_messages_ready", "selector": {"matchLabels": {"queue": "orders"}}},
                            "target": {"averageValue": "30", "type": "AverageValue"}
                        },
                        "type": "External"
                    }
                ],
                "minReplicas": 2,
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "orders"}
            },
            "status": {
                "conditions": [
                    {
                        "lastTransitionTime": "2026-03-01T10:10:00Z",
                        "message": "recommended size matches current size",
                        "reason": "ReadyForNewScale",
                        "status": "True",
                        "type": "AbleToScale"
                    }
                ],
                "currentMetrics": [
                    {"resource": {"current": {"averageUtilization": 41, "averageValue": "103m"}, "name": "cpu"}, "type": "Resource"},
                    {
                        "external": {"current": {"averageValue": "12"}, "metric": {"name": "queue_messages_ready", "selector": {"matchLabels": {"queue": "orders"}}}},
                        "type": "External"
                    }
                ],
                "currentReplicas": 3,
                "desiredReplicas": 3,
                "lastScaleTime": "2026-03-01T10:08:00Z"
            }
        }
        """#

    static let statefulSet = #"""
        {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": {"name": "mongo", "namespace": "shop", "generation": 2},
            "spec": {
                "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Delete"},
                "podManagementPolicy": "Parallel",
                "replicas": 3,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app": "mongo"}},
                "serviceName": "mongo-headless",
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "mongo"}},
                    "spec": {"containers": [{"image": "mongo:7.0", "name": "mongo"}]}
                },
                "updateStrategy": {"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"},
                "volumeClaimTemplates": [
                    {
                        "apiVersion": "v1",
                        "kind": "PersistentVolumeClaim",
                        "metadata": {"creationTimestamp": null, "name": "data"},
                        "spec": {
                            "accessModes": ["ReadWriteOnce"],
                            "resources": {"requests": {"storage": "10Gi"}},
                            "storageClassName": "fast",
                            "volumeMode": "Filesystem"
                        },
                        "status": {"phase": "Pending"}
                    }
                ]
            },
            "status": {
                "availableReplicas": 3,
                "collisionCount": 0,
                "currentReplicas": 3,
                "currentRevision": "mongo-6d5f7b8c9",
                "observedGeneration": 2,
                "readyReplicas": 3,
                "replicas": 3,
                "updateRevision": "mongo-6d5f7b8c9",
                "updatedReplicas": 3
            }
        }
        """#

    static let secret = #"""
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "orders-db", "namespace": "shop"},
            "data": {"password": "czNjcjN0", "username": "b3JkZXJz"},
            "type": "Opaque"
        }
        """#

    static let event = #"""
        {
            "apiVersion": "events.k8s.io/v1",
            "kind": "Event",
            "metadata": {"name": "shop.18a2b3c4d5e6f708", "namespace": "shop"},
            "action": "Reconciling",
            "eventTime": "2026-03-01T10:05:00.123456Z",
            "note": "Scaled orders from 2 to 3 replicas",
            "reason": "Scaled",
            "regarding": {"apiVersion": "platform.agri.io/v1alpha1", "kind": "AgriPlatform", "name": "shop", "namespace": "shop", "uid": "8d1f7c3e"},
            "related": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "orders", "namespace": "shop"},
            "reportingController": "agri-operator",
            "reportingInstance": "agri-operator-5d8f9-abcde",
            "series": {"count": 4, "lastObservedTime": "2026-03-01T10:15:00.250000Z"},
            "type": "Normal"
        }
        """#

    static let lease = #"""
        {
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "metadata": {"name": "agri-operator", "namespace": "agri-system"},
            "spec": {
                "acquireTime": "2026-03-01T10:00:00.000000Z",
                "holderIdentity": "agri-operator-5d8f9-abcde",
                "leaseDurationSeconds": 15,
                "leaseTransitions": 2,
                "renewTime": "2026-03-01T10:05:02.500000Z"
            }
        }
        """#
}
