using System.Text.RegularExpressions;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Fargate;

/// <summary>The request-only checks of CreateFargateProfile, with the wording moto took from real EKS answers.</summary>
public static partial class FargateProfileValidator
{
    public const int MaxSelectors = 5;
    public const int MaxLabelsPerSelector = 5;

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9\\-_]*$")]
    private static partial Regex NamePattern();

    public static void Validate(CreateFargateProfileRequest request, string cluster)
    {
        var name = request.FargateProfileName ?? "";
        if (name.Length is 0 or > 100)
        {
            throw EksErrors.ConstraintViolation("fargateProfileName", name, "Member must have length between 1 and 100", cluster);
        }

        if (!NamePattern().IsMatch(name))
        {
            throw EksErrors.ConstraintViolation("fargateProfileName", name, "Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*", cluster);
        }

        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Unknown parameter in the request body: {other.Keys.First()}", cluster);
        }

        var selectors = request.Selectors ?? [];
        if (selectors.Count == 0)
        {
            throw EksErrors.InvalidParameter("Fargate Profile requires at least one selector.", cluster);
        }

        if (selectors.Count > MaxSelectors)
        {
            throw EksErrors.InvalidParameter($"Fargate Profile cannot have more than {MaxSelectors} selectors.", cluster);
        }

        if (selectors.Any(s => string.IsNullOrEmpty(s.Namespace)))
        {
            throw EksErrors.InvalidParameter("Fargate Profile must have at least one selector with at least one namespace value.", cluster);
        }

        if (selectors.Any(s => s.Labels is { Count: > MaxLabelsPerSelector }))
        {
            throw EksErrors.InvalidParameter("Request contains Selector with more than 5 Label pairs", cluster);
        }

        CreateClusterValidator.ValidateSubnetIds(request.Subnets ?? [], cluster);
        CreateClusterValidator.ValidateTags(request.Tags, cluster);
    }
}
