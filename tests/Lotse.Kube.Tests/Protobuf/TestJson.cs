namespace Lotse.Kube.Tests.Protobuf;

/// <summary>Expected JSON written with single quotes, so long literals stay readable and concatenable.</summary>
internal static class TestJson
{
    public static string Q(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
