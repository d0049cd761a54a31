using Lotse.Eks.Clusters;
using Lotse.Eks.Nodegroups;

namespace Lotse.Eks.Tests;

/// <summary>An ACTIVE cluster and node group as the services store them, for tests that need one.</summary>
internal static class TestData
{
    public static EksCluster Cluster(string version = "1.31", string mode = "CONFIG_MAP", string name = "demo") => new()
    {
        Name = name,
        Arn = $"arn:aws:eks:eu-central-1:123456789012:cluster/{name}",
        CreatedAt = 1,
        Version = version,
        RoleArn = "arn:aws:iam::123456789012:role/eks",
        ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-1", "subnet-2"], VpcId = FakeEc2Network.DefaultVpc, EndpointPublicAccess = true, EndpointPrivateAccess = false, PublicAccessCidrs = ["0.0.0.0/0"] },
        KubernetesNetworkConfig = new KubernetesNetworkConfig(),
        Logging = EksClusterService.NormalizeLogging(null),
        Identity = new Identity { Oidc = new Oidc { Issuer = "https://issuer" } },
        Status = ClusterStatus.Active,
        PlatformVersion = "eks.1",
        Tags = [],
        Health = new ClusterHealth(),
        AccessConfig = new AccessConfig { AuthenticationMode = mode, BootstrapClusterCreatorAdminPermissions = true },
        UpgradePolicy = new UpgradePolicy { SupportType = "EXTENDED" },
        DeletionProtection = false,
    };

    public static EksNodegroup Nodegroup() => new()
    {
        NodegroupName = "ng",
        NodegroupArn = "arn:aws:eks:eu-central-1:123456789012:nodegroup/demo/ng/x",
        ClusterName = "demo",
        Version = "1.31",
        ReleaseVersion = "1.31.13-20251120",
        CreatedAt = 1,
        ModifiedAt = 1,
        Status = NodegroupStatus.Active,
        CapacityType = "ON_DEMAND",
        ScalingConfig = new NodegroupScalingConfig { MinSize = 1, MaxSize = 2, DesiredSize = 2 },
        InstanceTypes = ["t3.medium"],
        Subnets = ["subnet-1"],
        AmiType = "AL2023_x86_64_STANDARD",
        NodeRole = "arn:aws:iam::123456789012:role/node",
        Labels = new() { ["team"] = "blue" },
        Resources = new NodegroupResources(),
        Health = new ClusterHealth(),
        UpdateConfig = new NodegroupUpdateConfig { MaxUnavailable = 1 },
        Tags = [],
    };
}
