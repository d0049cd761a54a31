using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// The EKS workshop flow, step by step, with the real aws CLI and kubectl against one Lotse process:
/// create the cluster role and the cluster, wait for it, describe it, update-kubeconfig, drive the cluster
/// with kubectl, list, delete.
/// </summary>
public sealed class WorkshopFlowTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private static JsonElement Json(ToolResult result) => JsonDocument.Parse(result.ShouldSucceed().StdOut).RootElement;

    private Task<ToolResult> CreateClusterAsync(string name, string roleArn, params string[] extra) =>
        Server.AwsAsync([
            "eks", "create-cluster", "--name", name, "--role-arn", roleArn, "--kubernetes-version", "1.32",
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv},endpointPublicAccess=true,endpointPrivateAccess=false",
            "--logging", """{"clusterLogging":[{"types":["api","audit"],"enabled":true}]}""", .. extra,
        ]);

    [CliFact]
    public async Task GetCallerIdentity_AdminCredentials_ReportsAdminUser()
    {
        var identity = Json(await Server.AwsAsync("sts", "get-caller-identity"));

        var account = identity.GetProperty("Account").GetString()!;
        account.ShouldMatch("^[0-9]{12}$");
        identity.GetProperty("Arn").GetString().ShouldBe($"arn:aws:iam::{account}:user/admin");
        identity.GetProperty("UserId").GetString()!.ShouldStartWith("AIDA");
    }

    [CliFact]
    public async Task CreateCluster_RoleNotInIam_IsRefusedAsEksDoes()
    {
        var account = Json(await Server.AwsAsync("sts", "get-caller-identity")).GetProperty("Account").GetString();
        var missingRole = $"arn:aws:iam::{account}:role/noSuchRole";

        var refused = (await CreateClusterAsync("no-role", missingRole)).ShouldFail();

        refused.StdErr.ShouldContain(
            $"An error occurred (InvalidParameterException) when calling the CreateCluster operation: Role with arn: {missingRole}, could not be assumed because it does not exist or the trusted entity is not correct");
        (await Server.AwsAsync("eks", "describe-cluster", "--name", "no-role")).ShouldFail().StdErr.ShouldContain("ResourceNotFoundException");
    }

    [CliFact]
    public async Task WorkshopFlow_CreateDriveDelete_BehavesAsEks()
    {
        var roleArn = fixture.ClusterRoleArn;
        var account = roleArn.Split(':')[4];
        var region = Server.Env["AWS_DEFAULT_REGION"];

        // 4. create-cluster answers the full Cluster shape, still CREATING.
        var created = Json(await CreateClusterAsync("demo", roleArn)).GetProperty("cluster");
        created.GetProperty("status").GetString().ShouldBe("CREATING");
        created.GetProperty("name").GetString().ShouldBe("demo");
        created.GetProperty("arn").GetString().ShouldBe($"arn:aws:eks:{region}:{account}:cluster/demo");
        created.GetProperty("roleArn").GetString().ShouldBe(roleArn);
        created.GetProperty("version").GetString().ShouldBe("1.32");

        // 5. The first poll of the waiter already sees ACTIVE.
        var firstPoll = Json(await Server.AwsAsync("eks", "describe-cluster", "--name", "demo", "--query", "cluster.status"));
        firstPoll.GetString().ShouldBe("ACTIVE");
        (await Server.AwsAsync("eks", "wait", "cluster-active", "--name", "demo")).ShouldSucceed();

        // 6. describe-cluster: everything update-kubeconfig, Terraform and eksctl read.
        var cluster = Json(await Server.AwsAsync("eks", "describe-cluster", "--name", "demo")).GetProperty("cluster");
        cluster.GetProperty("createdAt").ValueKind.ShouldBe(JsonValueKind.Number);
        cluster.GetProperty("createdAt").GetDouble().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        cluster.GetProperty("endpoint").GetString()!.ShouldMatch($"^https://127\\.0\\.0\\.1:{Server.KubePort}/clusters/[0-9A-F]{{32}}$");
        var caPem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!));
        caPem.ShouldStartWith("-----BEGIN CERTIFICATE-----");
        cluster.GetProperty("identity").GetProperty("oidc").GetProperty("issuer").GetString().ShouldStartWith("https://");
        cluster.GetProperty("platformVersion").GetString()!.ShouldMatch("^eks\\.[0-9]+$");
        var logging = cluster.GetProperty("logging").GetProperty("clusterLogging");
        logging[0].GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(["api", "audit"]);
        logging[0].GetProperty("enabled").GetBoolean().ShouldBeTrue();
        logging[1].GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(["authenticator", "controllerManager", "scheduler"]);
        logging[1].GetProperty("enabled").GetBoolean().ShouldBeFalse();
        var vpc = cluster.GetProperty("resourcesVpcConfig");
        vpc.GetProperty("subnetIds").EnumerateArray().Select(s => s.GetString()).ShouldBe(fixture.SubnetIds);
        vpc.GetProperty("securityGroupIds").GetArrayLength().ShouldBe(0);
        vpc.GetProperty("endpointPublicAccess").GetBoolean().ShouldBeTrue();
        vpc.GetProperty("endpointPrivateAccess").GetBoolean().ShouldBeFalse();
        vpc.GetProperty("publicAccessCidrs").EnumerateArray().Select(s => s.GetString()).ShouldBe(["0.0.0.0/0"]);
        var subnetVpc = (await Server.AwsAsync("ec2", "describe-subnets", "--subnet-ids", fixture.SubnetIds[0], "--query", "Subnets[0].VpcId", "--output", "text"))
            .ShouldSucceed().StdOut.Trim();
        vpc.GetProperty("vpcId").GetString().ShouldBe(subnetVpc);
        var clusterGroup = vpc.GetProperty("clusterSecurityGroupId").GetString()!;
        clusterGroup.ShouldStartWith("sg-");
        (await Server.AwsAsync("ec2", "describe-security-groups", "--group-ids", clusterGroup, "--query", "SecurityGroups[0].[VpcId,GroupName]", "--output", "text"))
            .ShouldSucceed().StdOut.Trim().ShouldStartWith($"{subnetVpc}\teks-cluster-sg-demo-");
        cluster.GetProperty("kubernetesNetworkConfig").GetProperty("serviceIpv4Cidr").GetString().ShouldBe("10.100.0.0/16");
        cluster.GetProperty("kubernetesNetworkConfig").GetProperty("ipFamily").GetString().ShouldBe("ipv4");
        cluster.GetProperty("accessConfig").GetProperty("authenticationMode").GetString().ShouldBe("CONFIG_MAP");
        cluster.GetProperty("accessConfig").GetProperty("bootstrapClusterCreatorAdminPermissions").GetBoolean().ShouldBeTrue();

        // 7. update-kubeconfig, then kubectl with that file unchanged.
        var kubeconfig = Path.Combine(Server.Home, "demo.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", "demo", "--kubeconfig", kubeconfig)).ShouldSucceed()
            .StdOut.ShouldContain($"Added new context arn:aws:eks:{region}:{account}:cluster/demo to {kubeconfig}");

        var services = (await Server.KubectlAsync(kubeconfig, "get", "svc")).ShouldSucceed().StdOut;
        services.ShouldMatch(@"NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE");
        services.ShouldMatch(@"kubernetes\s+ClusterIP\s+10\.100\.0\.1\s+<none>\s+443/TCP\s+\d+s");

        var namespaces = (await Server.KubectlAsync(kubeconfig, "get", "ns")).ShouldSucceed().StdOut;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            namespaces.ShouldMatch($@"(?m)^{ns}\s+Active\s+");
        }

        (await Server.KubectlAsync(kubeconfig, "version")).ShouldSucceed().StdOut.ShouldMatch(@"Server Version: v1\.32\.\d+");

        (await Server.KubectlAsync(kubeconfig, "create", "configmap", "app-config", "--from-literal=color=blue")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("configmap/app-config created");
        (await Server.KubectlAsync(kubeconfig, "get", "cm", "app-config", "-o", "jsonpath={.data.color}")).ShouldSucceed().StdOut.ShouldBe("blue");

        using (var watch = Tool.Start("kubectl", ["get", "cm", "app-config", "-w"], Server.UserEnvironment(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig })))
        {
            (await watch.WaitForAsync(o => Regex.IsMatch(o, @"app-config\s+1\s+"), TimeSpan.FromSeconds(30))).ShouldBeTrue(watch.Output);

            (await Server.KubectlAsync(kubeconfig, "patch", "cm", "app-config", "--type", "merge", "-p", """{"data":{"size":"large"}}""")).ShouldSucceed()
                .StdOut.Trim().ShouldBe("configmap/app-config patched");

            (await watch.WaitForAsync(o => Regex.IsMatch(o, @"app-config\s+2\s+"), TimeSpan.FromSeconds(30))).ShouldBeTrue(watch.Output);
        }

        (await Server.KubectlAsync(kubeconfig, "patch", "cm", "app-config", "--type", "json", "-p", """[{"op":"replace","path":"/data/color","value":"red"}]""")).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "cm", "app-config", "-o", "jsonpath={.data.color}/{.data.size}")).ShouldSucceed().StdOut.ShouldBe("red/large");
        (await Server.KubectlAsync(kubeconfig, "delete", "cm", "app-config")).ShouldSucceed().StdOut.Trim().ShouldBe("configmap \"app-config\" deleted");

        (await Server.KubectlAsync(kubeconfig, "get", "cm", "nope")).ShouldFail()
            .StdErr.Trim().ShouldBe("Error from server (NotFound): configmaps \"nope\" not found");

        // 8. list, duplicate, delete, wait deleted, describe afterwards.
        Json(await Server.AwsAsync("eks", "list-clusters")).GetProperty("clusters").EnumerateArray().Select(c => c.GetString()).ShouldContain("demo");
        (await CreateClusterAsync("demo", roleArn)).ShouldFail()
            .StdErr.ShouldContain("An error occurred (ResourceInUseException) when calling the CreateCluster operation: Cluster already exists with name: demo");

        Json(await Server.AwsAsync("eks", "delete-cluster", "--name", "demo")).GetProperty("cluster").GetProperty("status").GetString().ShouldBe("DELETING");
        (await Server.AwsAsync("eks", "wait", "cluster-deleted", "--name", "demo")).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-cluster", "--name", "demo")).ShouldFail()
            .StdErr.Trim().ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: demo.");

        // The deleted cluster's endpoint no longer answers with its objects.
        (await Server.KubectlAsync(kubeconfig, "get", "ns")).ShouldFail();
    }
}
