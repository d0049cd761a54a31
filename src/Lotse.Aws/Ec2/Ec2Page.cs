using System.Text;

namespace Lotse.Aws.Ec2;

/// <summary>
/// MaxResults/NextToken paging of a Describe call over items sorted by id: the token is the (base64) id of the
/// first item of the next page, so it stays valid while items are added or removed around it.
/// </summary>
public static class Ec2Page
{
    public static (IReadOnlyList<T> Items, string? NextToken) Take<T>(IReadOnlyList<T> sorted, Func<T, string> id, int? maxResults, string? nextToken)
    {
        var start = 0;
        if (nextToken is not null)
        {
            var after = Decode(nextToken);
            start = sorted.Count(i => string.CompareOrdinal(id(i), after) < 0);
        }

        var count = Math.Min(maxResults ?? int.MaxValue, sorted.Count - start);
        var items = sorted.Skip(start).Take(count).ToList();
        var next = start + count < sorted.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(id(sorted[start + count]))) : null;
        return (items, next);
    }

    private static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw Ec2Errors.InvalidNextToken();
        }
    }
}
