namespace Lotse.Eks.Tags;

/// <summary>A taggable EKS resource ARN, taken apart: <c>arn:aws:eks:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;path&gt;</c>.</summary>
public sealed record EksResourceArn(string Region, string AccountId, string Type, IReadOnlyList<string> Path)
{
    public static EksResourceArn? Parse(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts is not ["arn", "aws", "eks", { Length: > 0 } region, { Length: 12 } account, var resource] || !account.All(char.IsAsciiDigit))
        {
            return null;
        }

        var path = resource.Split('/');
        return path.Length < 2 || path.Any(p => p.Length == 0) ? null : new EksResourceArn(region, account, path[0], path[1..]);
    }
}
