using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>A second IAM user with its own access key, used through its own aws CLI profile (and kubectl through that profile).</summary>
public sealed class SecondUser
{
    private readonly LotseServer _server;
    private readonly Dictionary<string, string> _env;

    private SecondUser(LotseServer server, string name, string arn, string accessKeyId, Dictionary<string, string> env)
    {
        _server = server;
        Profile = name;
        Arn = arn;
        AccessKeyId = accessKeyId;
        _env = env;
    }

    public string Arn { get; }

    public string AccessKeyId { get; }

    public string Profile { get; }

    public static async Task<SecondUser> CreateAsync(LotseServer server, string name)
    {
        var arn = JsonDocument.Parse((await server.AwsAsync("iam", "create-user", "--user-name", name)).ShouldSucceed().StdOut)
            .RootElement.GetProperty("User").GetProperty("Arn").GetString()!;
        var key = JsonDocument.Parse((await server.AwsAsync("iam", "create-access-key", "--user-name", name)).ShouldSucceed().StdOut)
            .RootElement.GetProperty("AccessKey");
        var credentials = Path.Combine(server.Home, $"{name}-credentials");
        await File.WriteAllTextAsync(credentials, $"""
            [{name}]
            aws_access_key_id = {key.GetProperty("AccessKeyId").GetString()}
            aws_secret_access_key = {key.GetProperty("SecretAccessKey").GetString()}
            """);

        // The admin's keys stay out of this user's shell: only the profile can supply credentials.
        var env = new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "" };
        return new SecondUser(server, name, arn, key.GetProperty("AccessKeyId").GetString()!, env);
    }

    public Task<ToolResult> AwsAsync(params string[] args) => _server.AwsAsAsync(_env, ["--profile", Profile, .. args]);

    /// <summary>A kubeconfig whose user runs <c>aws --profile &lt;this user&gt; eks get-token</c> (plus <paramref name="extra"/>, e.g. --role-arn).</summary>
    public async Task<string> KubeconfigAsync(string cluster, params string[] extra)
    {
        var path = Path.Combine(_server.Home, $"{cluster}-{Profile}-{extra.Length}.kubeconfig");
        (await AwsAsync(["eks", "update-kubeconfig", "--name", cluster, "--kubeconfig", path, .. extra])).ShouldSucceed();
        return path;
    }

    public Task<ToolResult> KubectlAsync(string kubeconfig, params string[] args) =>
        Tool.RunAsync("kubectl", args, _server.UserEnvironment(new Dictionary<string, string>(_env) { ["KUBECONFIG"] = kubeconfig }));
}
