// The suite drives heavy child processes (snapshots of /usr/include and of a 50 MB tree) on a 2-core machine;
// collections run one after another so that each one's timeouts measure lode, not contention with itself.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The acceptance tests drive Unix semantics (modes, symlinks, /usr/include); they do not run on Windows.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
