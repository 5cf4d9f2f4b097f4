/// Server objects of the routing, policy, batch and autoscaling kinds, as `kubectl get -o json` prints them.
extension KindFixtures {
    static let service = #"""
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "orders", "namespace": "shop"},
            "spec": {
                "clusterIP": "10.96.12.34",
                "clusterIPs": ["10.96.12.34"],
                "internalTrafficPolicy": "Cluster",
                "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack",
                "ports": [
                    {"appProtocol": "http", "name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"},
                    {"name": "metrics", "port": 9090, "protocol": "TCP", "targetPort": 9090}
                ],
                "selector": {"app.kubernetes.io/name": "orders"},
                "sessionAffinity": "None",
                "type": "ClusterIP"
            },
            "status": {"loadBalancer": {}}
        }
        """#

    static let httpRoute = #"""
        {
            "apiVersion": "gateway.networking.k8s.io/v1",
            "kind": "HTTPRoute",
            "metadata": {"name": "orders", "namespace": "shop", "generation": 4},
            "spec": {
                "hostnames": ["orders.example.com"],
                "parentRefs": [
                    {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public", "namespace": "gateways"}
                ],
                "rules": [
                    {
                        "backendRefs": [
                            {"group": "", "kind": "Service", "name": "orders-stable", "port": 80, "weight": 90},
                            {"group": "", "kind": "Service", "name": "orders-canary", "port": 80, "weight": 10}
                        ],
                        "filters": [
                            {
                                "requestHeaderModifier": {"set": [{"name": "X-Canary", "value": "weighted"}]},
                                "type": "RequestHeaderModifier"
                            }
                        ],
                        "matches": [
                            {
                                "headers": [{"name": "X-Canary", "type": "Exact", "value": "always"}],
                                "path": {"type": "PathPrefix", "value": "/api"}
                            }
                        ],
                        "timeouts": {"request": "10s"}
                    }
                ]
            },
            "status": {
                "parents": [
                    {
                        "conditions": [
                            {
                                "lastTransitionTime": "2026-03-01T10:00:00Z",
                                "message": "Route is accepted",
                                "observedGeneration": 4,
                                "reason": "Accepted",
                                "status": "True",
                                "type": "Accepted"
                            }
                        ],
                        "controllerName": "gateway.envoyproxy.io/gatewayclass-controller",
                        "parentRef": {"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": "public", "namespace": "gateways"}
                    }
                ]
            }
        }
        """#

    static let ingress = #"""
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": {"name": "orders", "namespace": "shop"},
            "spec": {
                "ingressClassName": "nginx",
                "rules": [
                    {
                        "host": "orders.example.com",
                        "http": {
                            "paths": [
                                {
                                    "backend": {"service": {"name": "orders", "port": {"name": "http"}}},
                                    "path": "/",
                                    "pathType": "Prefix"
                                }
                            ]
                        }
                    }
                ],
                "tls": [{"hosts": ["orders.example.com"], "secretName": "orders-tls"}]
            },
            "status": {"loadBalancer": {"ingress": [{"ip": "203.0.113.10"}]}}
        }
        """#

    static let networkPolicy = #"""
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": {"name": "orders", "namespace": "shop"},
            "spec": {
                "egress": [
                    {"ports": [{"port": 53, "protocol": "UDP"}], "to": [{"namespaceSelector": {}}]},
                    {"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.0.5.0/24"]}}]}
                ],
                "ingress": [
                    {
                        "from": [
                            {
                                "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "gateways"}},
                                "podSelector": {"matchLabels": {"app": "envoy"}}
                            }
                        ],
                        "ports": [{"endPort": 8090, "port": 8080, "protocol": "TCP"}]
                    }
                ],
                "podSelector": {"matchLabels": {"app.kubernetes.io/name": "orders"}},
                "policyTypes": ["Ingress", "Egress"]
            }
        }
        """#

    static let podDisruptionBudget = #"""
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "orders", "namespace": "shop", "generation": 1},
            "spec": {
                "maxUnavailable": "25%",
                "selector": {"matchLabels": {"app.kubernetes.io/name": "orders"}},
                "unhealthyPodEvictionPolicy": "AlwaysAllow"
            },
            "status": {
                "conditions": [
                    {
                        "lastTransitionTime": "2026-03-01T10:00:00Z",
                        "message": "",
                        "observedGeneration": 1,
                        "reason": "SufficientPods",
                        "status": "True",
                        "type": "DisruptionAllowed"
                    }
                ],
                "currentHealthy": 3,
                "desiredHealthy": 2,
                "disruptedPods": {"orders-7c9d8f6b5-x2x9k": "2026-03-01T10:07:00Z"},
                "disruptionsAllowed": 1,
                "expectedPods": 3,
                "observedGeneration": 1
            }
        }
        """#

    static let cronJob = #"""
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": {"name": "orders-report", "namespace": "shop"},
            "spec": {
                "concurrencyPolicy": "Forbid",
                "failedJobsHistoryLimit": 1,
                "jobTemplate": {
                    "metadata": {"creationTimestamp": null},
                    "spec": {
                        "backoffLimit": 2,
                        "template": {
                            "metadata": {"creationTimestamp": null},
                            "spec": {
                                "containers": [{"args": ["report"], "image": "ghcr.io/agri/orders:1.4.2", "name": "report"}],
                                "restartPolicy": "OnFailure"
                            }
                        },
                        "ttlSecondsAfterFinished": 3600
                    }
                },
                "schedule": "0 3 * * *",
                "successfulJobsHistoryLimit": 3,
                "suspend": false,
                "timeZone": "Europe/Paris"
            },
            "status": {
                "active": [
                    {"apiVersion": "batch/v1", "kind": "Job", "name": "orders-report-29540000", "namespace": "shop", "resourceVersion": "555", "uid": "c0ffee00"}
                ],
                "lastScheduleTime": "2026-03-01T02:00:00Z",
                "lastSuccessfulTime": "2026-02-28T02:01:13Z"
            }
        }
        """#

    static let verticalPodAutoscaler = #"""
        {
            "apiVersion": "autoscaling.k8s.io/v1",
            "kind": "VerticalPodAutoscaler",
            "metadata": {"name": "orders", "namespace": "shop"},
            "spec": {
                "resourcePolicy": {
                    "containerPolicies": [
                        {
                            "containerName": "orders",
                            "controlledResources": ["cpu", "memory"],
                            "controlledValues": "RequestsOnly",
                            "maxAllowed": {"cpu": "2", "memory": "2Gi"},
                            "minAllowed": {"cpu": "100m", "memory": "128Mi"}
                        }
                    ]
                },
                "targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "orders"},
                "updatePolicy": {"updateMode": "Off"}
            },
            "status": {
                "conditions": [{"lastTransitionTime": "2026-03-01T10:00:00Z", "status": "True", "type": "RecommendationProvided"}],
                "recommendation": {
                    "containerRecommendations": [
                        {
                            "containerName": "orders",
                            "lowerBound": {"cpu": "120m", "memory": "200Mi"},
                            "target": {"cpu": "250m", "memory": "262144k"},
                            "uncappedTarget": {"cpu": "250m", "memory": "262144k"},
                            "upperBound": {"cpu": "1", "memory": "1Gi"}
                        }
                    ]
                }
            }
        }
        """#
}
