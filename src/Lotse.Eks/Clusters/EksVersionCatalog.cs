namespace Lotse.Eks.Clusters;

/// <summary>
/// DescribeClusterVersions: Lotse's versions with EKS's published calendar (release, end of standard support after
/// 14 months, end of extended support after 26). The support status is computed from the clock, as EKS does, so a
/// version past its extended support shows as UNSUPPORTED and is only listed with <c>includeAll</c>.
/// </summary>
public static class EksVersionCatalog
{
    private sealed record Calendar(string Version, DateOnly Release, DateOnly EndOfStandard, DateOnly EndOfExtended, string Patch);

    private static readonly Calendar[] Versions =
    [
        new("1.33", new(2025, 5, 29), new(2026, 7, 29), new(2027, 7, 29), "1.33.5"),
        new("1.32", new(2025, 1, 23), new(2026, 3, 23), new(2027, 3, 23), "1.32.9"),
        new("1.31", new(2024, 9, 26), new(2025, 11, 26), new(2026, 11, 26), "1.31.13"),
        new("1.30", new(2024, 5, 23), new(2025, 7, 23), new(2026, 7, 23), "1.30.14"),
        new("1.29", new(2024, 1, 23), new(2025, 3, 23), new(2026, 3, 23), "1.29.15"),
        new("1.28", new(2023, 9, 26), new(2024, 11, 26), new(2025, 11, 26), "1.28.15"),
    ];

    /// <summary>Newest first, as EKS lists them.</summary>
    public static IEnumerable<ClusterVersionInfo> All(DateTimeOffset now) => Versions.Select(v => Describe(v, now));

    /// <summary>The full patch version a minor runs (e.g. <c>1.32.9</c>), for node release versions.</summary>
    public static string PatchVersion(string version) => Versions.FirstOrDefault(v => v.Version == version)?.Patch ?? version + ".0";

    private static ClusterVersionInfo Describe(Calendar v, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (status, versionStatus) = today < v.EndOfStandard ? ("standard-support", "STANDARD_SUPPORT")
            : today < v.EndOfExtended ? ("extended-support", "EXTENDED_SUPPORT")
            : ("unsupported", "UNSUPPORTED");
        return new ClusterVersionInfo(
            v.Version, "eks", EksVersions.PlatformVersion(v.Version), v.Version == EksVersions.Default,
            Epoch(v.Release), Epoch(v.EndOfStandard), Epoch(v.EndOfExtended), status, versionStatus, v.Patch);
    }

    private static double Epoch(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
}
