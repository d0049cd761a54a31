namespace Lotse.Storage;

/// <summary>One stored version of a key, as etcd's mvccpb.KeyValue.</summary>
/// <param name="Key">The full key, e.g. <c>/clusters/ABC/registry/core/configmaps/default/x</c>.</param>
/// <param name="Value">The value bytes (JSON for every value Lotse stores).</param>
/// <param name="CreateRevision">Revision at which this key was last created.</param>
/// <param name="ModRevision">Revision of the write that produced this version; Kubernetes' resourceVersion.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);
