using Lotse.Aws;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Tests;

public class EksClusterServiceTests
{
    [Fact]
    public void NormalizeLogging_SomeTypesEnabled_ListsEveryTypeOnceSplitByState()
    {
        var logging = EksClusterService.NormalizeLogging(new Logging { ClusterLogging = [new LogSetup { Types = ["audit", "api"], Enabled = true }] });

        logging.ClusterLogging.Count.ShouldBe(2);
        logging.ClusterLogging[0].Types.ShouldBe(["api", "audit"]);
        logging.ClusterLogging[0].Enabled.ShouldBe(true);
        logging.ClusterLogging[1].Types.ShouldBe(["authenticator", "controllerManager", "scheduler"]);
        logging.ClusterLogging[1].Enabled.ShouldBe(false);
    }

    [Fact]
    public void NormalizeLogging_Nothing_AllDisabledInOneEntry()
    {
        var logging = EksClusterService.NormalizeLogging(null);

        logging.ClusterLogging.Single().Enabled.ShouldBe(false);
        logging.ClusterLogging.Single().Types!.Count.ShouldBe(5);
    }

    [Fact]
    public void NormalizeLogging_LaterEntryDisables_LaterWins()
    {
        var logging = EksClusterService.NormalizeLogging(new Logging
        {
            ClusterLogging = [new LogSetup { Types = ["api"], Enabled = true }, new LogSetup { Types = ["api"], Enabled = false }],
        });

        logging.ClusterLogging.Single().Enabled.ShouldBe(false);
    }

    [Theory]
    [InlineData(AwsPrincipalType.User, "arn:aws:iam::123456789012:user/admin", "arn:aws:iam::123456789012:user/admin")]
    [InlineData(AwsPrincipalType.AssumedRole, "arn:aws:sts::123456789012:assumed-role/Admin/session-1", "arn:aws:iam::123456789012:role/Admin")]
    [InlineData(AwsPrincipalType.Root, "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root")]
    public void CanonicalCreator_Caller_IsTheIamIdentity(AwsPrincipalType type, string arn, string expected)
    {
        var caller = new AwsCaller("123456789012", arn, "AIDAEXAMPLE", "AKIAEXAMPLE", type);
        EksClusterService.CanonicalCreator(caller).ShouldBe(expected);
    }

    [Fact]
    public void ListToken_RoundTrip_ReturnsTheKey()
    {
        ListToken.Decode(ListToken.Encode("cluster-b\0")).ShouldBe("cluster-b\0");
        ListToken.Decode("%%%not-base64").ShouldBeNull();
    }
}
