import AgriPlatformRollout
import Foundation
import KubeCore
import Testing

@testable import AgriPlatformReconciler

@Suite("ServicePod: the slim pod the operator caches")
struct ServicePodTests {
    /// A service pod as the API server sends it: extra labels, managed fields, a spec and a full status.
    static let podJSON = #"""
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "web-7d9f8c-abcde",
                "namespace": "farm",
                "uid": "5c1f3b9e-8d4a-4f5e-9a7b-2c6d8e0f1a2b",
                "resourceVersion": "4711",
                "creationTimestamp": "2026-03-01T10:05:10Z",
                "labels": {
                    "app.kubernetes.io/name": "web",
                    "app.kubernetes.io/instance": "fieldmap",
                    "app.kubernetes.io/managed-by": "agri-operator",
                    "agriplatform.io/revision": "3",
                    "pod-template-hash": "7d9f8c"
                },
                "annotations": {"note": "dropped"},
                "ownerReferences": [
                    {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d9f8c", "uid": "rs-uid"}
                ],
                "managedFields": [
                    {"manager": "kube-controller-manager", "operation": "Update", "fieldsType": "FieldsV1",
                     "fieldsV1": {"f:metadata": {}}}
                ]
            },
            "spec": {"containers": [{"name": "web", "image": "registry.example/web:3"}]},
            "status": {
                "phase": "Running",
                "conditions": [
                    {"type": "Initialized", "status": "True"},
                    {"type": "Ready", "status": "False", "lastTransitionTime": "2026-03-01T10:06:00Z",
                     "reason": "ContainersNotReady"}
                ],
                "containerStatuses": [
                    {"name": "web", "ready": false, "restartCount": 4, "image": "registry.example/web:3",
                     "imageID": "sha256:abc",
                     "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off"}},
                     "lastState": {"terminated": {"exitCode": 1, "reason": "Error"}}},
                    {"name": "proxy", "ready": true, "restartCount": 1, "image": "envoy:1",
                     "state": {"running": {"startedAt": "2026-03-01T10:05:30Z"}}}
                ]
            }
        }
        """#

    @Test("Decoding keeps identity, the placing labels, readiness and the containers' restarts and waiting reasons")
    func keepsWhatTheStateMachineReads() throws {
        let pod = try KubeJSON.decode(ServicePod.self, from: Data(Self.podJSON.utf8))
        #expect(pod.metadata.name == "web-7d9f8c-abcde")
        #expect(pod.metadata.namespace == "farm")
        #expect(pod.metadata.uid == "5c1f3b9e-8d4a-4f5e-9a7b-2c6d8e0f1a2b")
        #expect(pod.metadata.resourceVersion == "4711")
        #expect(pod.metadata.creationTimestamp != nil)
        #expect(
            pod.metadata.labels == [
                "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "fieldmap",
                "agriplatform.io/revision": "3",
            ]
        )
        #expect(pod.metadata.annotations == nil)
        #expect(pod.metadata.ownerReferences == nil)
        #expect(pod.metadata.managedFields == nil)
        #expect(pod.readyStatus == "False")
        #expect(pod.readyChangedAt == Time(Date(timeIntervalSince1970: 1_772_359_560)))
        #expect(
            pod.containers == [
                .init(name: "web", restartCount: 4, waitingReason: "CrashLoopBackOff"),
                .init(name: "proxy", restartCount: 1, waitingReason: nil),
            ]
        )

        let summary = ServicePods.summary(pod)
        #expect(summary.name == "web-7d9f8c-abcde")
        #expect(summary.revision == "3")
        #expect(!summary.ready)
        #expect(summary.restarts == 5)
        #expect(summary.crashLooping)
        #expect(!summary.cannotStart)
        #expect(!summary.terminating)
    }

    @Test("The parsed-JSON path and the Codable path decode the same pod")
    func bothDecodingPathsAgree() throws {
        let data = Data(Self.podJSON.utf8)
        #expect(try KubeJSON.decode(ServicePod.self, from: data) == JSONDecoder().decode(ServicePod.self, from: data))
        #expect(try ServicePod(json: JSONValue(parsing: data)) == ServicePod(KubeJSON.decode(Pod.self, from: data)))
    }

    @Test("It encodes as the pod it keeps, and decodes back to itself")
    func roundTrip() throws {
        let pod = try KubeJSON.decode(ServicePod.self, from: Data(Self.podJSON.utf8))
        let encoded = try JSONEncoder().encode(pod)
        #expect(try KubeJSON.decode(ServicePod.self, from: encoded) == pod)
        let asPod = try KubeJSON.decode(Pod.self, from: encoded)
        #expect(asPod.kind == "Pod")
        #expect(asPod.status?.conditions?.map(\.type) == ["Ready"])
        #expect(asPod.status?.containerStatuses?.map(\.restartCount) == [4, 1])
        #expect(asPod.spec == nil)
    }

    @Test("A pod without status is not ready and has no containers; a status of the wrong type is an error")
    func missingAndBadStatus() throws {
        let bare = try KubeJSON.decode(
            ServicePod.self,
            from: Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"farm"}}"#.utf8)
        )
        #expect(bare.readyStatus == nil)
        #expect(bare.containers.isEmpty)
        #expect(!ServicePods.summary(bare).ready)
        #expect(bare.pod.status?.containerStatuses == nil)

        let bad = Data(#"{"metadata":{"name":"p"},"status":{"containerStatuses":"none"}}"#.utf8)
        #expect(throws: DecodingError.self) { try KubeJSON.decode(ServicePod.self, from: bad) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ServicePod.self, from: bad) }
    }

    @Test(
        "A kept status field of the wrong type, or a condition or container without its required name, is an error on both paths",
        arguments: [
            (
                #"{"containerStatuses":[{"name":"web","restartCount":"four"}]}"#,
                "status.containerStatuses.0.restartCount"
            ),
            (#"{"containerStatuses":[{"restartCount":4}]}"#, "status.containerStatuses.0"),
            (
                #"{"containerStatuses":[{"name":"web","state":{"waiting":{"reason":7}}}]}"#,
                "status.containerStatuses.0.state.waiting.reason"
            ),
            (#"{"containerStatuses":[{"name":"web","state":"waiting"}]}"#, "status.containerStatuses.0.state"),
            (#"{"containerStatuses":["web"]}"#, "status.containerStatuses.0"),
            (#"{"conditions":[{"status":"True"}]}"#, "status.conditions.0"),
            (#"{"conditions":[{"type":"Ready"}]}"#, "status.conditions.0"),
            (
                #"{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"yesterday"}]}"#,
                "status.conditions.0.lastTransitionTime"
            ),
            (#"{"conditions":{"type":"Ready"}}"#, "status.conditions"),
            (#""Running""#, "status"),
        ]
    )
    func badStatusFields(status: String, path: String) throws {
        let data = Data(#"{"metadata":{"name":"p","namespace":"farm"},"status":\#(status)}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Pod.self, from: data) }
        do {
            _ = try KubeJSON.decode(ServicePod.self, from: data)
            Issue.record("decoded a pod whose status has \(path) wrong")
        } catch let error as DecodingError {
            #expect(Self.codingPath(of: error) == path)
        }
    }

    static func codingPath(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found): context = found
        case .keyNotFound(_, let found): context = found
        @unknown default: return ""
        }
        return context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
