using System.Text.Json;

namespace Lotse.Kube.Discovery;

/// <summary>
/// The <c>/version</c> document (apimachinery <c>version.Info</c>). kubectl's dispatcher picks its real binary from
/// <c>minor</c>, and <c>gitVersion</c> must parse as semver.
/// </summary>
public static class VersionInfo
{
    /// <summary>The upstream patch release each supported minor reports (EKS platform versions track these).</summary>
    private static readonly Dictionary<int, int> Patches = new() { [29] = 15, [30] = 14, [31] = 13, [32] = 9, [33] = 5, [34] = 1 };

    public static byte[] For(string kubernetesVersion)
    {
        var dot = kubernetesVersion.IndexOf('.', StringComparison.Ordinal);
        var major = dot > 0 ? kubernetesVersion[..dot] : "1";
        var minor = dot > 0 ? kubernetesVersion[(dot + 1)..] : "32";
        var patch = int.TryParse(minor, out var m) && Patches.TryGetValue(m, out var p) ? p : 0;
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["major"] = major,
            ["minor"] = minor,
            ["gitVersion"] = $"v{major}.{minor}.{patch}-eks-lotse",
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.10",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        });
    }
}
