using Lotse.Aws;
using Lotse.Aws.Iam;

namespace Lotse.Eks.Clusters;

/// <summary>
/// The IAM role an EKS request names (node role, pod execution role, pod identity role), looked up as EKS does: it must be a role
/// ARN of the caller's account that exists, else InvalidParameterException with EKS's "cannot be found" message.
/// </summary>
public static class EksRoleLookup
{
    public static async ValueTask<IamRole> RequireAsync(
        IamRepository iam, AwsCaller caller, string? roleArn, string clusterName, string? nodegroupName, CancellationToken ct)
    {
        var (account, roleName) = CreateClusterValidator.ParseRoleArnOrNull(roleArn)
            ?? throw EksErrors.InvalidParameter($"Invalid Role Arn: '{roleArn}'", clusterName, nodegroupName);
        var role = account == caller.AccountId ? await iam.GetRoleAsync(account, roleName, ct) : null;
        if (role is null || role.Arn != roleArn)
        {
            throw EksErrors.InvalidParameter($"The role with name {roleName} cannot be found.", clusterName, nodegroupName);
        }

        return role;
    }
}
