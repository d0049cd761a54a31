using System.Text.Json;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>The two updates <c>resourcesVpcConfig</c> can carry: endpoint access, and subnets / security groups.</summary>
public static partial class ClusterConfigChange
{
    private static ClusterChange EndpointAccess(VpcConfig requested, EksCluster cluster)
    {
        var current = cluster.ResourcesVpcConfig;
        var isPublic = requested.EndpointPublicAccess ?? current.EndpointPublicAccess ?? true;
        var isPrivate = requested.EndpointPrivateAccess ?? current.EndpointPrivateAccess ?? false;
        var cidrs = requested.PublicAccessCidrs is { Count: > 0 } given ? given : current.PublicAccessCidrs ?? ["0.0.0.0/0"];
        if (!isPublic && !isPrivate)
        {
            throw EksErrors.InvalidParameter("Cluster must have either public or private access enabled.", cluster.Name);
        }

        CreateClusterValidator.ValidatePublicAccessCidrs(requested.PublicAccessCidrs, cluster.Name);
        var sameCidrs = cidrs.ToHashSet(StringComparer.Ordinal).SetEquals(current.PublicAccessCidrs ?? ["0.0.0.0/0"]);
        if (isPublic == current.EndpointPublicAccess && isPrivate == current.EndpointPrivateAccess && sameCidrs)
        {
            throw EksErrors.InvalidParameter(
                $"Cluster is already at the desired configuration with endpointPrivateAccess: {Word(isPrivate)} and endpointPublicAccess: {Word(isPublic)}", cluster.Name);
        }

        // EKS lists the members the request set, each as text (the CIDR list as a JSON array).
        var parameters = new List<UpdateParam>();
        if (requested.EndpointPublicAccess is { } pub)
        {
            parameters.Add(new("EndpointPublicAccess", Word(pub)));
        }

        if (requested.EndpointPrivateAccess is { } priv)
        {
            parameters.Add(new("EndpointPrivateAccess", Word(priv)));
        }

        if (requested.PublicAccessCidrs is { Count: > 0 })
        {
            parameters.Add(new("PublicAccessCidrs", JsonSerializer.Serialize(cidrs)));
        }

        return new ClusterChange(UpdateType.EndpointAccess, parameters, c =>
        {
            c.ResourcesVpcConfig.EndpointPublicAccess = isPublic;
            c.ResourcesVpcConfig.EndpointPrivateAccess = isPrivate;
            c.ResourcesVpcConfig.PublicAccessCidrs = [.. cidrs];
        });
    }

    /// <summary>The subnets and security groups the cluster has after a VPC update: each list the request leaves out stays.</summary>
    public static (List<string> Subnets, List<string> Groups) VpcTargets(VpcConfig requested, EksCluster cluster)
    {
        var current = cluster.ResourcesVpcConfig;
        return ((requested.SubnetIds.Count > 0 ? requested.SubnetIds : current.SubnetIds).ToList(),
            (requested.SecurityGroupIds.Count > 0 ? requested.SecurityGroupIds : current.SecurityGroupIds).ToList());
    }

    private static ClusterChange VpcConfig(VpcConfig requested, EksCluster cluster)
    {
        var current = cluster.ResourcesVpcConfig;
        var (subnets, groups) = VpcTargets(requested, cluster);
        CreateClusterValidator.ValidateSubnets(subnets, cluster.Name);
        CreateClusterValidator.ValidateSecurityGroups(groups, cluster.Name);
        if (subnets.ToHashSet(StringComparer.Ordinal).SetEquals(current.SubnetIds) && groups.ToHashSet(StringComparer.Ordinal).SetEquals(current.SecurityGroupIds))
        {
            throw EksErrors.InvalidParameter(
                $"Cluster is already at the desired configuration with subnetIds: [{string.Join(", ", subnets)}] and securityGroupIds: [{string.Join(", ", groups)}]", cluster.Name);
        }

        var parameters = new List<UpdateParam>();
        if (requested.SubnetIds.Count > 0)
        {
            parameters.Add(new("Subnets", JsonSerializer.Serialize(subnets)));
        }

        if (requested.SecurityGroupIds.Count > 0)
        {
            parameters.Add(new("SecurityGroups", JsonSerializer.Serialize(groups)));
        }

        return new ClusterChange(UpdateType.VpcConfig, parameters, c =>
        {
            c.ResourcesVpcConfig.SubnetIds.Clear();
            c.ResourcesVpcConfig.SubnetIds.AddRange(subnets);
            c.ResourcesVpcConfig.SecurityGroupIds.Clear();
            c.ResourcesVpcConfig.SecurityGroupIds.AddRange(groups);
        });
    }
}
