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
}
