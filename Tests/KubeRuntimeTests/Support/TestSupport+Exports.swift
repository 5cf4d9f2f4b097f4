// The shared test fixtures (TestCluster, poll, Locked) are visible in every file of this target.
@_exported import TestSupport
