import Foundation
import KubeCore
import Testing

@Suite("Decoding server objects")
struct KindDecodingTests {
    static let fixtures: [(any KubernetesObject.Type, String)] = [
        (Deployment.self, KindFixtures.deployment),
        (Pod.self, KindFixtures.pod),
        (CustomResourceDefinition.self, KindFixtures.customResourceDefinition),
        (HorizontalPodAutoscaler.self, KindFixtures.horizontalPodAutoscaler),
        (StatefulSet.self, KindFixtures.statefulSet),
        (Secret.self, KindFixtures.secret),
        (Event.self, KindFixtures.event),
        (Lease.self, KindFixtures.lease),
        (Service.self, KindFixtures.service),
        (HTTPRoute.self, KindFixtures.httpRoute),
        (Ingress.self, KindFixtures.ingress),
        (NetworkPolicy.self, KindFixtures.networkPolicy),
        (PodDisruptionBudget.self, KindFixtures.podDisruptionBudget),
        (CronJob.self, KindFixtures.cronJob),
        (VerticalPodAutoscaler.self, KindFixtures.verticalPodAutoscaler),
    ]

    @Test("A server object re-encodes every field it carries and drops its nulls", arguments: fixtures)
    func reencoding(kind: any KubernetesObject.Type, fixture: String) throws {
        let data = Data(fixture.utf8)
        let object = try KubeJSON.decode(kind, from: data)
        let reencoded = try JSONValue(encoding: object)
        let expected = try JSONValue(parsing: data).strippingNullMembers()
        #expect(reencoded.differingPaths(from: expected) == [])
        #expect(reencoded.nullPaths() == [])
        #expect(object.apiVersion == kind.resource.apiVersion)
        #expect(object.kind == kind.resource.kind)
    }

    @Test("A Deployment keeps its rollout strategy, probes and conditions typed")
    func deployment() throws {
        let deployment = try KubeJSON.decode(Deployment.self, from: Data(KindFixtures.deployment.utf8))
        let spec = try #require(deployment.spec)
        #expect(spec.replicas == 3)
        #expect(spec.strategy?.rollingUpdate?.maxSurge == .string("25%"))
        #expect(spec.strategy?.rollingUpdate?.maxUnavailable == .int(0))
        #expect(spec.selector?.matchLabels == ["app.kubernetes.io/name": "orders"])

        let template = try #require(spec.template)
        #expect(template.metadata?.creationTimestamp == nil)
        let container = try #require(template.spec?.containers.first)
        #expect(container.livenessProbe?.httpGet?.port == .string("http"))
        #expect(container.readinessProbe?.grpc?.port == 9090)
        #expect(container.resources?.requests?["cpu"] == "250m")
        #expect(container.env?[1].valueFrom?.fieldRef?.fieldPath == "metadata.name")
        #expect(container.env?[2].valueFrom?.secretKeyRef?.key == "password")
        #expect(container.securityContext?.capabilities?.drop == ["ALL"])
        #expect(template.spec?.volumes?[1].emptyDir == EmptyDirVolumeSource())
        #expect(template.spec?.volumes?[0].configMap?.defaultMode == 420)

        let status = try #require(deployment.status)
        #expect(status.observedGeneration == 5)
        #expect(status.availableReplicas == 3)
        let progressing = try #require(status.conditions?.first { $0.type == "Progressing" })
        #expect(progressing.reason == "NewReplicaSetAvailable")
        #expect(progressing.lastUpdateTime?.description == "2026-03-01T10:06:00Z")
        #expect(deployment.metadata.ownerReferences?.first?.controller == true)
    }

    @Test("A Pod keeps its status, container states and untyped projected volume")
    func pod() throws {
        let pod = try KubeJSON.decode(Pod.self, from: Data(KindFixtures.pod.utf8))
        let status = try #require(pod.status)
        #expect(status.phase == "Running")
        #expect(status.podIPs == [PodIP(ip: "10.244.2.17")])
        #expect(status.conditions?.count == 3)
        #expect(status.conditions?.allSatisfy { $0.lastProbeTime == nil } == true)
        let container = try #require(status.containerStatuses?.first)
        #expect(container.ready == true)
        #expect(container.restartCount == 1)
        #expect(container.state?.running?.startedAt?.description == "2026-03-01T10:05:15Z")
        #expect(container.lastState?.terminated?.exitCode == 137)
        #expect(container.lastState?.terminated?.reason == "OOMKilled")
        #expect(container.volumeMounts?.first?.recursiveReadOnly == "Disabled")

        let projected = try #require(pod.spec?.volumes?.first?.projected)
        #expect(projected[path: ["defaultMode"]] == .integer(420))
        #expect(projected["sources"]?.arrayValue?.count == 2)
        #expect(pod.spec?.tolerations?.first?.tolerationSeconds == 300)
        #expect(pod.spec?.securityContext == PodSecurityContext())
    }

    @Test("A CustomResourceDefinition keeps its recursive schema, extensions and subresources")
    func customResourceDefinition() throws {
        let definition = try KubeJSON.decode(
            CustomResourceDefinition.self,
            from: Data(KindFixtures.customResourceDefinition.utf8)
        )
        let spec = try #require(definition.spec)
        #expect(spec.group == "platform.agri.io")
        #expect(spec.names?.shortNames == ["ap"])
        #expect(spec.names?.categories == ["all", "agri"])
        let version = try #require(spec.versions?.first)
        #expect(version.served && version.storage)
        #expect(version.subresources?.status == CustomResourceSubresourceStatus())
        #expect(version.subresources?.scale?.labelSelectorPath == ".status.selector")
        #expect(version.additionalPrinterColumns?.last?.priority == 1)

        let root = try #require(version.schema?.openAPIV3Schema)
        let specSchema = try #require(root.properties?["spec"])
        #expect(specSchema.required == ["image"])
        let fields = try #require(specSchema.properties)
        #expect(fields["replicas"]?.minimum == 0)
        #expect(fields["replicas"]?.maximum == 100)
        #expect(fields["replicas"]?.default == .integer(1))
        #expect(fields["image"]?.maxLength == 255)
        #expect(fields["tier"]?.enum == ["standard", "premium"])
        #expect(fields["labels"]?.additionalProperties == .schema(JSONSchemaProps(type: "string")))
        #expect(fields["selector"]?.additionalProperties == .schema(JSONSchemaProps(type: "string")))
        #expect(fields["selector"]?.xKubernetesMapType == "atomic")
        #expect(fields["config"]?.xKubernetesPreserveUnknownFields == true)
        #expect(fields["maxSurge"]?.xKubernetesIntOrString == true)
        #expect(fields["maxSurge"]?.anyOf?.map(\.type) == ["integer", "string"])
        #expect(fields["template"]?.xKubernetesEmbeddedResource == true)
        #expect(fields["nickname"]?.nullable == true)
        #expect(fields["nickname"]?.not?.pattern == "^admin$")

        let ports = try #require(fields["ports"])
        #expect(ports.xKubernetesListType == "map")
        #expect(ports.xKubernetesListMapKeys == ["name"])
        #expect(ports.items?.properties?["port"]?.format == "int32")
        #expect(ports.items?.required == ["name", "port"])

        let rules = try #require(specSchema.xKubernetesValidations)
        #expect(rules.first?.rule == "self.replicas == oldSelf.replicas")
        #expect(rules.first?.optionalOldSelf == false)
        #expect(rules.last?.fieldPath == ".tier")

        #expect(definition.status?.acceptedNames?.kind == "AgriPlatform")
        #expect(definition.status?.storedVersions == ["v1alpha1"])
        #expect(definition.status?.conditions?.map(\.type) == ["NamesAccepted", "Established"])
    }

    @Test("A v2 HorizontalPodAutoscaler keeps every metric source and its behavior")
    func horizontalPodAutoscaler() throws {
        let autoscaler = try KubeJSON.decode(
            HorizontalPodAutoscaler.self,
            from: Data(KindFixtures.horizontalPodAutoscaler.utf8)
        )
        let spec = try #require(autoscaler.spec)
        #expect(
            spec.scaleTargetRef
                == CrossVersionObjectReference(apiVersion: "apps/v1", kind: "Deployment", name: "orders")
        )
        #expect(spec.minReplicas == 2)
        #expect(spec.maxReplicas == 20)
        let metrics = try #require(spec.metrics)
        #expect(metrics.map(\.type) == ["Resource", "ContainerResource", "Pods", "Object", "External"])
        #expect(metrics[0].resource?.target.averageUtilization == 70)
        #expect(metrics[1].containerResource?.container == "orders")
        #expect(metrics[2].pods?.target.averageValue == "100")
        #expect(metrics[3].object?.describedObject.kind == "Ingress")
        #expect(metrics[3].object?.target.value == "10k")
        #expect(metrics[4].external?.metric.selector?.matchLabels == ["queue": "orders"])

        let behavior = try #require(spec.behavior)
        #expect(behavior.scaleDown?.stabilizationWindowSeconds == 300)
        #expect(behavior.scaleUp?.stabilizationWindowSeconds == 0)
        #expect(
            behavior.scaleUp?.policies == [
                HPAScalingPolicy(type: "Percent", value: 100, periodSeconds: 15),
                HPAScalingPolicy(type: "Pods", value: 4, periodSeconds: 15),
            ]
        )

        let status = try #require(autoscaler.status)
        #expect(status.desiredReplicas == 3)
        #expect(status.currentMetrics?.first?.resource?.current.averageUtilization == 41)
        #expect(status.currentMetrics?.last?.external?.current.averageValue == "12")
        #expect(status.conditions?.first?.type == "AbleToScale")
    }

    @Test("A StatefulSet keeps its claim templates, policies and revisions")
    func statefulSet() throws {
        let set = try KubeJSON.decode(StatefulSet.self, from: Data(KindFixtures.statefulSet.utf8))
        let spec = try #require(set.spec)
        #expect(spec.podManagementPolicy == "Parallel")
        #expect(spec.persistentVolumeClaimRetentionPolicy?.whenScaled == "Delete")
        #expect(spec.updateStrategy?.rollingUpdate?.partition == 0)
        let claim = try #require(spec.volumeClaimTemplates?.first)
        #expect(claim.metadata.name == "data")
        #expect(claim.spec?.resources?.requests?["storage"] == "10Gi")
        #expect(set.status?.currentRevision == set.status?.updateRevision)
        #expect(set.status?.collisionCount == 0)
    }

    @Test("Secret data is base64 on the wire and bytes in memory")
    func secret() throws {
        let secret = try KubeJSON.decode(Secret.self, from: Data(KindFixtures.secret.utf8))
        #expect(secret.data?["password"] == Data("s3cr3t".utf8))
        #expect(secret.data?["username"] == Data("orders".utf8))
        #expect(secret.type == "Opaque")

        let written = Secret(metadata: ObjectMeta(name: "s"), data: ["k": Data([0xFF, 0x00])], stringData: ["a": "b"])
        let json = try JSONValue(encoding: written)
        #expect(json[path: ["data", "k"]] == "/wA=")
        #expect(json[path: ["stringData", "a"]] == "b")
    }

    @Test("An events.k8s.io Event keeps microsecond times and its references")
    func event() throws {
        let event = try KubeJSON.decode(Event.self, from: Data(KindFixtures.event.utf8))
        #expect(event.eventTime?.description == "2026-03-01T10:05:00.123456Z")
        #expect(event.series?.count == 4)
        #expect(event.series?.lastObservedTime.description == "2026-03-01T10:15:00.250000Z")
        #expect(event.regarding?.kind == "AgriPlatform")
        #expect(event.related?.name == "orders")
        #expect(event.reportingController == "agri-operator")
        #expect(event.deprecatedCount == nil)
    }

    @Test("A MicroTime one microsecond past a whole second survives a round trip")
    func microTimeSmallFraction() throws {
        let text = "2026-03-01T10:15:00.000001Z"
        let time = try KubeJSON.decode(MicroTime.self, from: Data("\"\(text)\"".utf8))
        #expect(time.description == text)
    }

    @Test("An HTTPRoute keeps weighted backends, matches and filters for canary routing")
    func httpRoute() throws {
        let route = try KubeJSON.decode(HTTPRoute.self, from: Data(KindFixtures.httpRoute.utf8))
        let rule = try #require(route.spec?.rules?.first)
        #expect(rule.backendRefs?.map(\.weight) == [90, 10])
        #expect(rule.backendRefs?.first?.group == "")
        #expect(rule.matches?.first?.path == HTTPPathMatch(type: "PathPrefix", value: "/api"))
        #expect(rule.matches?.first?.headers?.first?.value == "always")
        #expect(rule.filters?.first?.requestHeaderModifier?.set == [HTTPHeader(name: "X-Canary", value: "weighted")])
        #expect(rule.timeouts?.request == "10s")
        let parent = try #require(route.status?.parents?.first)
        #expect(parent.parentRef.name == "public")
        #expect(parent.conditions?.first?.observedGeneration == 4)
    }

    @Test("Percent-like and port fields decode as IntOrString")
    func intOrStringFields() throws {
        let budget = try KubeJSON.decode(PodDisruptionBudget.self, from: Data(KindFixtures.podDisruptionBudget.utf8))
        #expect(budget.spec?.maxUnavailable == .string("25%"))
        #expect(budget.spec?.minAvailable == nil)
        #expect(budget.status?.disruptedPods?.keys.first == "orders-7c9d8f6b5-x2x9k")

        let service = try KubeJSON.decode(Service.self, from: Data(KindFixtures.service.utf8))
        #expect(service.spec?.ports?.map(\.targetPort) == [.string("http"), .int(9090)])

        let policy = try KubeJSON.decode(NetworkPolicy.self, from: Data(KindFixtures.networkPolicy.utf8))
        #expect(policy.spec?.ingress?.first?.ports?.first?.port == .int(8080))
        #expect(policy.spec?.egress?.first?.to?.first?.namespaceSelector == LabelSelector())
    }
}
