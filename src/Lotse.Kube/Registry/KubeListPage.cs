using System.Text.Json.Nodes;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>One page of a list: matching items (raw, and parsed when a selector needed it), the revision read at, and where to continue.</summary>
/// <param name="ContinueKey">Full store key to start the next page at (inclusive), or null when the list is complete.</param>
public sealed record KubeListPage(IReadOnlyList<(KeyValue Kv, JsonObject? Parsed)> Items, long Revision, string? ContinueKey);
