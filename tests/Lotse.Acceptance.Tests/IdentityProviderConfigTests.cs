using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>OIDC identity provider configs through the real aws CLI: associate/disassociate as cluster updates, describe, list, tags, errors.</summary>
public sealed class IdentityProviderConfigTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string Oidc = "identityProviderConfigName=corp,issuerUrl=https://issuer.example.com,clientId=kubernetes,usernameClaim=email,groupsClaim=groups";

    private LotseServer Server => fixture.Server;

    private async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    private async Task CreateClusterAsync(string name) =>
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();

    [CliFact]
    public async Task IdentityProviderConfig_Lifecycle_AssociateDescribeListTagDisassociate()
    {
        await CreateClusterAsync("idp-life");

        var associated = await JsonAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-life", "--oidc", Oidc, "--tags", "team=a");
        var update = associated.GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("AssociateIdentityProviderConfig");
        update.GetProperty("params")[0].GetProperty("type").GetString().ShouldBe("IdentityProviderConfig");
        associated.GetProperty("tags").GetProperty("team").GetString().ShouldBe("a");
        var updateId = update.GetProperty("id").GetString()!;
        var described = (await JsonAsync("eks", "describe-update", "--name", "idp-life", "--update-id", updateId)).GetProperty("update");
        described.GetProperty("status").GetString().ShouldBe("Successful");
        described.GetProperty("type").GetString().ShouldBe("AssociateIdentityProviderConfig");
        (await JsonAsync("eks", "list-updates", "--name", "idp-life")).GetProperty("updateIds").EnumerateArray().Select(u => u.GetString()).ShouldContain(updateId);

        var oidc = (await JsonAsync("eks", "describe-identity-provider-config", "--cluster-name", "idp-life", "--identity-provider-config", "type=oidc,name=corp"))
            .GetProperty("identityProviderConfig").GetProperty("oidc");
        oidc.GetProperty("status").GetString().ShouldBe("ACTIVE");
        oidc.GetProperty("issuerUrl").GetString().ShouldBe("https://issuer.example.com");
        oidc.GetProperty("usernameClaim").GetString().ShouldBe("email");
        var arn = oidc.GetProperty("identityProviderConfigArn").GetString()!;
        arn.ShouldContain(":identityproviderconfig/idp-life/oidc/corp/");

        var listed = await JsonAsync("eks", "list-identity-provider-configs", "--cluster-name", "idp-life", "--page-size", "1");
        listed.GetProperty("identityProviderConfigs").GetArrayLength().ShouldBe(1);
        listed.GetProperty("identityProviderConfigs")[0].GetProperty("type").GetString().ShouldBe("oidc");
        listed.GetProperty("identityProviderConfigs")[0].GetProperty("name").GetString().ShouldBe("corp");
        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "b=2")).ShouldSucceed();
        (await JsonAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateObject().Count().ShouldBe(2);

        var gone = (await JsonAsync("eks", "disassociate-identity-provider-config", "--cluster-name", "idp-life", "--identity-provider-config", "type=oidc,name=corp"))
            .GetProperty("update");
        gone.GetProperty("type").GetString().ShouldBe("DisassociateIdentityProviderConfig");
        (await JsonAsync("eks", "describe-update", "--name", "idp-life", "--update-id", gone.GetProperty("id").GetString()!)).GetProperty("update")
            .GetProperty("status").GetString().ShouldBe("Successful");
        (await Server.AwsAsync("eks", "describe-identity-provider-config", "--cluster-name", "idp-life", "--identity-provider-config", "type=oidc,name=corp"))
            .ErrorLine().ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeIdentityProviderConfig operation: "
                + "No config found for cluster: idp-life, config type: oidc, config name: corp");
        (await JsonAsync("eks", "list-identity-provider-configs", "--cluster-name", "idp-life")).GetProperty("identityProviderConfigs").GetArrayLength().ShouldBe(0);
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "idp-life")).ShouldSucceed();
    }

    [CliFact]
    public async Task AssociateIdentityProviderConfig_BadInputOrSecondConfig_IsRefused()
    {
        await CreateClusterAsync("idp-bad");
        const string Prefix = "An error occurred ({0}) when calling the AssociateIdentityProviderConfig operation: ";

        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc",
            "identityProviderConfigName=corp,issuerUrl=http://issuer.example.com,clientId=k")).ErrorLine()
            .ShouldStartWith(string.Format(null, Prefix, "InvalidParameterException"));
        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc",
            "identityProviderConfigName=-bad,issuerUrl=https://issuer.example.com,clientId=k")).ErrorLine()
            .ShouldStartWith(string.Format(null, Prefix, "InvalidParameterException"));
        var issuer = (await Server.AwsAsync("eks", "describe-cluster", "--name", "idp-bad", "--query", "cluster.identity.oidc.issuer", "--output", "text"))
            .ShouldSucceed().StdOut.Trim();
        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc",
            $"identityProviderConfigName=own,issuerUrl={issuer},clientId=k")).ErrorLine()
            .ShouldBe(string.Format(null, Prefix, "InvalidParameterException")
                + "Incorrect Identity Provider URL configuration. The Identity Provider URL cannot be same as OpenID Connect (OIDC) issuer URL");
        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-ghost", "--oidc", Oidc)).ErrorLine()
            .ShouldBe(string.Format(null, Prefix, "ResourceNotFoundException") + "No cluster found for name: idp-ghost.");

        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc", Oidc, "--client-request-token", "tok-1"))
            .ShouldSucceed();
        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc", Oidc)).ErrorLine()
            .ShouldStartWith(string.Format(null, Prefix, "ResourceInUseException"));
        (await Server.AwsAsync("eks", "associate-identity-provider-config", "--cluster-name", "idp-bad", "--oidc",
            "identityProviderConfigName=second,issuerUrl=https://other.example.com,clientId=k")).ErrorLine()
            .ShouldStartWith(string.Format(null, Prefix, "InvalidRequestException"));
        (await Server.AwsAsync("eks", "describe-identity-provider-config", "--cluster-name", "idp-bad", "--identity-provider-config", "type=saml,name=corp"))
            .ErrorLine().ShouldStartWith("An error occurred (InvalidParameterException) when calling the DescribeIdentityProviderConfig operation:");

        // Deleting the cluster deletes its config: a new cluster of the same name starts without one.
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "idp-bad")).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-deleted", "--name", "idp-bad")).ShouldSucceed();
        await CreateClusterAsync("idp-bad");
        (await JsonAsync("eks", "list-identity-provider-configs", "--cluster-name", "idp-bad")).GetProperty("identityProviderConfigs").GetArrayLength().ShouldBe(0);
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "idp-bad")).ShouldSucceed();
    }

    [CliFact]
    public async Task AssociateEncryptionConfig_OnceOnly_ShownByDescribeCluster()
    {
        await CreateClusterAsync("enc-once");
        const string KeyArn = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var config = $"resources=secrets,provider={{keyArn={KeyArn}}}";

        var update = (await JsonAsync("eks", "associate-encryption-config", "--cluster-name", "enc-once", "--encryption-config", config)).GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("AssociateEncryptionConfig");
        update.GetProperty("params")[0].GetProperty("type").GetString().ShouldBe("EncryptionConfig");
        (await JsonAsync("eks", "describe-update", "--name", "enc-once", "--update-id", update.GetProperty("id").GetString()!)).GetProperty("update")
            .GetProperty("status").GetString().ShouldBe("Successful");
        var cluster = (await JsonAsync("eks", "describe-cluster", "--name", "enc-once")).GetProperty("cluster");
        cluster.GetProperty("encryptionConfig")[0].GetProperty("provider").GetProperty("keyArn").GetString().ShouldBe(KeyArn);

        (await Server.AwsAsync("eks", "associate-encryption-config", "--cluster-name", "enc-once", "--encryption-config", config)).ErrorLine()
            .ShouldBe("An error occurred (InvalidParameterException) when calling the AssociateEncryptionConfig operation: Encryption is already enabled on the cluster");
        (await Server.AwsAsync("eks", "associate-encryption-config", "--cluster-name", "enc-once", "--encryption-config", "resources=configmaps,provider={keyArn=" + KeyArn + "}"))
            .ErrorLine().ShouldStartWith("An error occurred (InvalidParameterException)");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "enc-once")).ShouldSucceed();
    }
}
