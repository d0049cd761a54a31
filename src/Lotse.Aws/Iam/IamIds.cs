using System.Security.Cryptography;

namespace Lotse.Aws.Iam;

/// <summary>Random identifiers shaped like AWS's: unique-id prefixes plus base32 upper-case characters.</summary>
public static class IamIds
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>AIDA + 17 characters, e.g. <c>AIDAJQABLZS4A3QDU576Q</c>.</summary>
    public static string NewUserId() => "AIDA" + Random(IdAlphabet, 17);

    /// <summary>AROA + 17 characters.</summary>
    public static string NewRoleId() => "AROA" + Random(IdAlphabet, 17);

    /// <summary>AKIA + 16 characters, 20 in all.</summary>
    public static string NewAccessKeyId() => "AKIA" + Random(IdAlphabet, 16);

    /// <summary>ASIA + 16 characters: the id of temporary (STS) credentials.</summary>
    public static string NewTemporaryAccessKeyId() => "ASIA" + Random(IdAlphabet, 16);

    /// <summary>An opaque session token, as long as typical STS tokens (hundreds of characters).</summary>
    public static string NewSessionToken() => "IQoJb3JpZ2luX2VjE" + Random(SecretAlphabet, 300);

    /// <summary>40 characters of base64's alphabet, like a real secret access key.</summary>
    public static string NewSecretAccessKey() => Random(SecretAlphabet, 40);

    /// <summary>A 12-digit account id; the first digit is non-zero so no tool can lose a leading zero.</summary>
    public static string NewAccountId() => Random("123456789", 1) + Random("0123456789", 11);

    private static string Random(string alphabet, int length) => new(RandomNumberGenerator.GetItems<char>(alphabet, length));
}
