import Foundation
import KubeCore
import Testing

@Suite("Unstructured objects")
struct UnstructuredTests {
    static let deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"farm","uid":"u1","resourceVersion":"9","generation":3,
          "creationTimestamp":"2026-01-02T03:04:05Z","selfLink":"/apis/apps/v1/namespaces/farm/deployments/web",
          "labels":{"app":"web"},"finalizers":["a"],
          "managedFields":[{"manager":"agri-operator","operation":"Apply","apiVersion":"apps/v1",
            "time":"2026-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}}]},
         "spec":{"replicas":2,"futureField":{"nested":[1,2.5,"x",null,true]},
          "template":{"spec":{"containers":[{"name":"app","image":"web:1","alphaField":"kept"}]}}},
         "status":{"replicas":2,"conditions":[{"type":"Available","status":"True"}]}}
        """

    @Test("Decoding then encoding gives back the same JSON, unknown fields included")
    func roundTrip() throws {
        let original = try JSONValue(parsing: Data(Self.deployment.utf8))
        let object = try Unstructured<Deployment>(json: original)
        #expect(try object.json == original)
        let decodedAgain = try KubeJSON.decode(Unstructured<Deployment>.self, from: try KubeJSON.encode(object))
        #expect(decodedAgain == object)
    }

    @Test("Metadata is typed and the rest of the object is the body")
    func parts() throws {
        let object = try Unstructured<Deployment>(json: try JSONValue(parsing: Data(Self.deployment.utf8)))
        #expect(object.metadata.name == "web")
        #expect(object.metadata.managedFields?.first?.manager == "agri-operator")
        #expect(object.body[path: ["spec", "futureField", "nested"]] == [1, 2.5, "x", nil, true])
        #expect(object.body["metadata"] == nil && object.body["kind"] == nil)
        #expect(Unstructured<Deployment>.resource == Deployment.resource)
        #expect(try object.typed().spec?.replicas == 2)
    }

    @Test("Edited metadata is written back together with the members ObjectMeta does not model")
    func editedMetadata() throws {
        var object = try Unstructured<Deployment>(json: try JSONValue(parsing: Data(Self.deployment.utf8)))
        object.metadata.labels = ["app": "api"]
        let json = try object.json
        #expect(json[path: ["metadata", "labels"]] == ["app": "api"])
        #expect(json[path: ["metadata", "selfLink"]] == "/apis/apps/v1/namespaces/farm/deployments/web")
    }

    @Test("A new object carries its kind's apiVersion and kind")
    func newObject() throws {
        let object = Unstructured<ConfigMap>(metadata: ObjectMeta(name: "c"), body: ["data": ["k": "v"]])
        #expect(
            try object.json == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["k": "v"]]
        )
    }

    @Test("Every member ObjectMeta encodes is read as typed metadata, not kept aside")
    func modelledMetadataIsComplete() throws {
        let full = ObjectMeta(
            name: "n",
            generateName: "g",
            namespace: "ns",
            uid: "u",
            resourceVersion: "1",
            generation: 1,
            creationTimestamp: Time(Date(timeIntervalSince1970: 0)),
            deletionTimestamp: Time(Date(timeIntervalSince1970: 0)),
            deletionGracePeriodSeconds: 30,
            labels: ["a": "b"],
            annotations: ["c": "d"],
            ownerReferences: [OwnerReference(apiVersion: "v1", kind: "K", name: "o", uid: "u")],
            finalizers: ["f"],
            managedFields: [ManagedFieldsEntry(manager: "m")]
        )
        let keys = Set(try JSONValue(encoding: full).objectValue?.keys ?? [])
        #expect(keys.count == 14)
        let object = try Unstructured<ConfigMap>(json: ["metadata": try JSONValue(encoding: full)])
        #expect(object.metadata == full)
        #expect(try object.json["metadata"] == (try JSONValue(encoding: full)))
    }
}
