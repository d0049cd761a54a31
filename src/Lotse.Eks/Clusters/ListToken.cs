using System.Buffers.Text;
using System.Text;

namespace Lotse.Eks.Clusters;

/// <summary>Opaque EKS <c>nextToken</c>s: the key to continue at, base64url-encoded.</summary>
public static class ListToken
{
    public static string Encode(string startAfter) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(startAfter));

    public static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// One page of <paramref name="sorted"/> (ordinal order of <paramref name="key"/>) after the last key a previous page served,
    /// even if that item is gone by now, and the token for the next page (null on the last page).
    /// </summary>
    public static (List<T> Page, string? NextToken) PageAfter<T>(
        IReadOnlyList<T> sorted, Func<T, string> key, int maxResults, string? nextToken, string? clusterName = null)
    {
        var start = 0;
        if (nextToken is not null)
        {
            var last = Decode(nextToken) ?? throw EksErrors.InvalidParameter("The nextToken provided is invalid.", clusterName);
            start = sorted.Count(item => string.CompareOrdinal(key(item), last) <= 0);
        }

        var page = sorted.Skip(start).Take(maxResults).ToList();
        return (page, start + page.Count < sorted.Count ? Encode(key(page[^1])) : null);
    }
}
