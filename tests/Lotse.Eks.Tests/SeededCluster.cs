using System.Security.Cryptography;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Tests;

/// <summary>An ACTIVE cluster record to seed the store with, for tests of the records that hang off a cluster.</summary>
internal static class SeededCluster
{
    public const string AccountId = "123456789012";
    public const string Region = "eu-central-1";

    public static EksClusterRecord Record(string name = "demo") => new()
    {
        Cluster = TestData.Cluster(name: name),
        Id = "ID-" + name,
        AccountId = AccountId,
        Region = Region,
        CreatorArn = $"arn:aws:iam::{AccountId}:user/admin",
        ServiceAccountSigningKeyPem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
    };
}
