using System.Text;

namespace Lotse.Aws.Tests.Support;

/// <summary>A rest-json service ("eks") that answers <c>{"ok":true}</c> or throws what the test asks for.</summary>
public sealed class FakeRestJsonService : IAwsService
{
    public Exception? Throw { get; set; }

    public AwsRequestContext? LastRequest { get; private set; }

    public string SigningName => "eks";

    public AwsProtocol Protocol => AwsProtocol.RestJson;

    public async ValueTask HandleAsync(AwsRequestContext request)
    {
        LastRequest = request;
        if (Throw is not null)
        {
            throw Throw;
        }

        request.Http.Response.ContentType = "application/json";
        await request.Http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"ok\":true}"));
    }
}
