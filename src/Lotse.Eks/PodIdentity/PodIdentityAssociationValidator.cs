using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Lotse.Eks.Clusters;
using Lotse.Eks.Tags;

namespace Lotse.Eks.PodIdentity;

/// <summary>Pod identity association input rules that need no stored state, and the association id format.</summary>
public static partial class PodIdentityAssociationValidator
{
    /// <summary>Association ids are <c>a-</c> and 17 lowercase letters or digits: 19 characters, which EKS checks first.</summary>
    public const int IdLength = 19;

    private const int MaxPolicyLength = 2048;

    public static void ValidateCreate(CreatePodIdentityAssociationRequest request, string clusterName)
    {
        if (request.Namespace is not { } ns || !Namespace().IsMatch(ns))
        {
            throw EksErrors.InvalidParameter($"Invalid namespace '{request.Namespace}': it must be a valid Kubernetes namespace name.", clusterName);
        }

        if (request.ServiceAccount is not { } sa || sa.Length > 253 || !ServiceAccount().IsMatch(sa))
        {
            throw EksErrors.InvalidParameter($"Invalid serviceAccount '{request.ServiceAccount}': it must be a valid Kubernetes service account name.", clusterName);
        }

        CheckRole(request.RoleArn, clusterName);
        CheckTargetRole(request.TargetRoleArn, clusterName);
        CheckPolicy(request.Policy, clusterName);
        if (request.Tags is { } tags && TagRules.Problem(tags) is { } problem)
        {
            throw EksErrors.InvalidParameter(problem, clusterName);
        }
    }

    public static void ValidateUpdate(UpdatePodIdentityAssociationRequest request, string clusterName)
    {
        if (request.RoleArn is not null)
        {
            CheckRole(request.RoleArn, clusterName);
        }

        CheckTargetRole(request.TargetRoleArn, clusterName);

        CheckPolicy(request.Policy, clusterName);
    }

    public static void CheckId(string id, string clusterName)
    {
        if (id.Length != IdLength)
        {
            throw EksErrors.InvalidParameter($"The parameter associationId should be {IdLength} characters long.", clusterName);
        }
    }

    public static string NewId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return "a-" + RandomNumberGenerator.GetString(alphabet, IdLength - 2);
    }

    private static void CheckRole(string? roleArn, string clusterName)
    {
        if (CreateClusterValidator.ParseRoleArnOrNull(roleArn) is null)
        {
            throw EksErrors.InvalidParameter($"Invalid Role Arn: '{roleArn}'", clusterName);
        }
    }

    /// <summary>The target role (EKS assumes it from the association's role) may live in another account; an empty one means none.</summary>
    private static void CheckTargetRole(string? targetRoleArn, string clusterName)
    {
        if (targetRoleArn is { Length: > 0 } && CreateClusterValidator.ParseRoleArnOrNull(targetRoleArn) is null)
        {
            throw EksErrors.InvalidParameter($"Invalid Target Role Arn: '{targetRoleArn}'", clusterName);
        }
    }

    private static void CheckPolicy(string? policy, string clusterName)
    {
        if (policy is { Length: > MaxPolicyLength })
        {
            throw EksErrors.InvalidParameter($"The policy must not exceed {MaxPolicyLength} characters.", clusterName);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Namespace();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex ServiceAccount();
}
