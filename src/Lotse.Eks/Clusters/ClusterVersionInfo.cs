namespace Lotse.Eks.Clusters;

/// <summary>The <c>ClusterVersionInformation</c> shape of DescribeClusterVersions (timestamps in epoch seconds).</summary>
public sealed record ClusterVersionInfo(
    string ClusterVersion,
    string ClusterType,
    string DefaultPlatformVersion,
    bool DefaultVersion,
    double ReleaseDate,
    double EndOfStandardSupportDate,
    double EndOfExtendedSupportDate,
    string Status,
    string VersionStatus,
    string KubernetesPatchVersion);
