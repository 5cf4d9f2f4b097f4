import KubeCore
import KubeTestServer
import Testing

@Suite("Accept negotiation")
struct ResponseRepresentationTests {
    @Test(
        "An Accept header picks the first acceptable media range",
        arguments: [
            (nil, ResponseRepresentation.object),
            ("", .object),
            ("application/json", .object),
            ("*/*", .object),
            ("application/vnd.kubernetes.protobuf, */*", .object),
            ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", .table),
            ("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", .partialObjectMetadata(version: "v1")),
            (
                "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1",
                .partialObjectMetadataList(version: "v1beta1")
            ),
            (PartialObjectMetadata.listMediaType, .partialObjectMetadataList(version: "v1")),
            (PartialObjectMetadata.watchMediaType, .partialObjectMetadata(version: "v1")),
            ("application/json;as=Foo;g=meta.k8s.io;v=v1,application/json", .object),
            ("application/json;as=PartialObjectMetadata;g=k8s.io;v=v1,application/json", .object),
        ] as [(String?, ResponseRepresentation)]
    )
    func negotiation(accept: String?, expected: ResponseRepresentation) throws {
        #expect(try ResponseRepresentation(accept: accept) == expected)
    }

    @Test(
        "An Accept header with no acceptable media range is 406 Not Acceptable",
        arguments: [
            "application/json;as=Foo;g=meta.k8s.io;v=v1",
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1alpha1",
            "application/json;as=PartialObjectMetadata;g=k8s.io;v=v1",
            "application/json;g=meta.k8s.io;v=v1",
        ]
    )
    func notAcceptable(accept: String) {
        let error = #expect(throws: APIError.self) { try ResponseRepresentation(accept: accept) }
        #expect(error?.code == 406)
        #expect(error?.reason == "NotAcceptable")
    }

    @Test("Partial object metadata keeps the metadata and drops everything else")
    func partial() {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "a", "labels": ["x": "y"], "resourceVersion": "7"],
            "data": ["secret": "value"],
        ]
        let partial = ResponseRepresentation.partialObjectMetadata(of: object, version: "v1")
        #expect(
            partial == [
                "apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata",
                "metadata": ["name": "a", "labels": ["x": "y"], "resourceVersion": "7"],
            ]
        )
    }
}
