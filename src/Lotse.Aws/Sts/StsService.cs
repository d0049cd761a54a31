using System.Text.Json;
using Lotse.Aws.FrontDoor;
using Lotse.Aws.Iam;
using Lotse.Aws.Query;

namespace Lotse.Aws.Sts;

/// <summary>
/// AWS STS (query protocol, API version 2011-06-15): GetCallerIdentity (XML, or the JSON form
/// aws-iam-authenticator asks for with <c>Accept: application/json</c>) and AssumeRole.
/// </summary>
public sealed partial class StsService : IAwsService
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string ApiVersion = "2011-06-15";

    private readonly IamRepository _repository;
    private readonly TimeProvider _time;

    public StsService(IamRepository repository, TimeProvider time)
    {
        _repository = repository;
        _time = time;
    }

    public string SigningName => "sts";

    public AwsProtocol Protocol => AwsProtocol.Query;

    public string? XmlNamespace => Namespace;

    public ValueTask HandleAsync(AwsRequestContext request)
    {
        var query = QueryRequest.Parse(request);
        return query.Action switch
        {
            "GetCallerIdentity" => GetCallerIdentityAsync(request),
            "AssumeRole" => AssumeRoleAsync(request, query),
            null => throw QueryErrors.MissingAction(),
            var other => throw QueryErrors.InvalidAction(other, ApiVersion),
        };
    }

    private static async ValueTask GetCallerIdentityAsync(AwsRequestContext request)
    {
        var caller = request.Caller;
        if (!AwsErrorWriter.WantsJson(request.Http.Request))
        {
            await QueryXmlWriter.WriteAsync(request, "GetCallerIdentity", Namespace, xml =>
            {
                xml.WriteElementString("Arn", caller.Arn);
                xml.WriteElementString("UserId", caller.UserId);
                xml.WriteElementString("Account", caller.AccountId);
            });
            return;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("GetCallerIdentityResponse");
            json.WriteStartObject("GetCallerIdentityResult");
            json.WriteString("Account", caller.AccountId);
            json.WriteString("Arn", caller.Arn);
            json.WriteString("UserId", caller.UserId);
            json.WriteEndObject();
            json.WriteStartObject("ResponseMetadata");
            json.WriteString("RequestId", request.RequestId);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length), request.Aborted);
    }
}
