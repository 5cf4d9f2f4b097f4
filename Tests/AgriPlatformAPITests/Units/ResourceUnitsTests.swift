import AgriPlatformAPI
import KubeCore
import Testing

@Suite("Resource units")
struct ResourceUnitsTests {
    @Test(
        "CPU in vCPU or Kubernetes units becomes a canonical quantity",
        arguments: [
            ("0.5 vCPU", "500m"), ("0.25 vCPU", "250m"), ("1 vCPU", "1"), ("2vcpu", "2"), (" 0.5 cores ", "500m"),
            ("250m", "250m"), ("0.5", "500m"), ("1", "1"), (".5 vCPU", "500m"), ("1. vCPU", "1"),
            ("\t2 vCPU\n", "2"), ("\u{00A0}0.5 vCPU\u{2003}", "500m"), ("0.5\u{00A0}vCPU", "500m"),
        ]
    )
    func cpu(written: String, expected: String) throws {
        #expect(try ResourceUnits.cpu(written).description == expected)
    }

    @Test(
        "Memory in AWS GB and MB is binary, Kubernetes units are unchanged",
        arguments: [
            ("1 GB", "1Gi"), ("0.5 GB", "512Mi"), ("1024 MB", "1Gi"), ("1GB", "1Gi"), ("2 GiB", "2Gi"),
            ("512Mi", "512Mi"), ("1Gi", "1Gi"), ("1G", "1G"), ("100 GB", "100Gi"),
        ]
    )
    func memory(written: String, expected: String) throws {
        #expect(try ResourceUnits.memory(written).description == expected)
    }

    @Test(
        "CPU amounts that are not whole millicores or not numbers are rejected",
        arguments: [
            "0.0001 vCPU", "half a vCPU", "1.5.5 vCPU", "", "vCPU", "-1", "lots", "1 GB", ". vCPU", "+1 vCPU",
            "1e3 vCPU", "٣ vCPU", "99999999999999999999 vCPU", "0.5 vCPU\u{301}",
        ]
    )
    func rejectedCPU(written: String) {
        #expect(throws: ResourceUnitError.self) { try ResourceUnits.cpu(written) }
    }

    @Test(
        "Memory amounts that are not whole bytes or not numbers are rejected",
        arguments: ["0.3 KB", "1.5.5 GB", "", "GB", "-1Gi", "lots", "0.5 vCPU", "1 gb"]
    )
    func rejectedMemory(written: String) {
        #expect(throws: ResourceUnitError.self) { try ResourceUnits.memory(written) }
    }
}
