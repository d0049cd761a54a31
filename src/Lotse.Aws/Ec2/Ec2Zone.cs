namespace Lotse.Aws.Ec2;

/// <summary>
/// An availability zone. Every region Lotse serves has three, <c>&lt;region&gt;a</c>…<c>c</c>; zone ids follow AWS's
/// short region code (<c>us-east-1</c> → <c>use1-az1</c>, <c>ap-southeast-2</c> → <c>apse2-az1</c>).
/// </summary>
public sealed record Ec2Zone(string ZoneName, string ZoneId, string RegionName)
{
    private static readonly (string Word, string Letter)[] Directions =
        [("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"), ("central", "c")];

    public static IReadOnlyList<Ec2Zone> Of(string region)
    {
        var code = RegionCode(region);
        return [new(region + "a", code + "-az1", region), new(region + "b", code + "-az2", region), new(region + "c", code + "-az3", region)];
    }

    /// <summary>The short code zone ids start with: the geography, the direction letters and the number.</summary>
    public static string RegionCode(string region)
    {
        var parts = region.Split('-');
        if (parts.Length != 3)
        {
            return region.Replace("-", string.Empty, StringComparison.Ordinal);
        }

        var direction = parts[1];
        foreach (var (word, letter) in Directions)
        {
            direction = direction.Replace(word, letter, StringComparison.Ordinal);
        }

        return parts[0] + direction + parts[2];
    }
}
