using System.Text.Json;
using System.Xml;
using Lotse.Aws.Query;
using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.FrontDoor;

/// <summary>
/// Writes an <see cref="AwsServiceException"/> the way the service's protocol does, so botocore raises the
/// modelled error class: rest-json = status + <c>x-amzn-ErrorType</c> + JSON of the members and <c>message</c>
/// (awsJson1_1 adds <c>__type</c>);
/// query = XML <c>ErrorResponse</c> (or STS's JSON form when the client asked for <c>application/json</c>);
/// ec2 = XML <c>Response/Errors/Error</c>.
/// </summary>
public static class AwsErrorWriter
{
    public static async Task WriteAsync(HttpContext context, AwsProtocol protocol, string? xmlNamespace, AwsServiceException error, string requestId)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Nothing sensible can be added to a response that is already on the wire; dropping the
            // connection tells the client the answer is incomplete.
            context.Abort();
            return;
        }

        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-RequestId"] = requestId;
        var buffer = protocol == AwsProtocol.Ec2 ? Ec2Xml(response, error, requestId)
            : protocol != AwsProtocol.Query ? RestJson(response, error, awsJson: protocol == AwsProtocol.Json)
            : WantsJson(context.Request) ? QueryJson(response, error, requestId)
            : QueryXml(response, xmlNamespace, error, requestId);
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer, context.RequestAborted);
    }

    /// <summary>True when a query-protocol client asked for JSON (aws-iam-authenticator sends <c>Accept: application/json</c>).</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    // awsJson1_1 clients (botocore's JSONParser) read the code from the body's __type, rest-json ones from the header.
    private static byte[] RestJson(HttpResponse response, AwsServiceException error, bool awsJson)
    {
        response.ContentType = awsJson ? "application/x-amz-json-1.1" : "application/json";
        response.Headers["x-amzn-ErrorType"] = error.Code;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (awsJson)
            {
                json.WriteString("__type", error.Code);
            }

            foreach (var (name, value) in error.Members)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value);
            }

            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] QueryJson(HttpResponse response, AwsServiceException error, string requestId)
    {
        response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("Error");
            json.WriteString("Code", error.Code);
            json.WriteString("Message", error.Message);
            json.WriteString("Type", error.StatusCode >= 500 ? "Receiver" : "Sender");
            json.WriteEndObject();
            json.WriteString("RequestId", requestId);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    // EC2's own envelope (botocore's EC2QueryParser reads Errors/Error and RequestID), without a namespace.
    private static byte[] Ec2Xml(HttpResponse response, AwsServiceException error, string requestId)
    {
        response.ContentType = "text/xml;charset=UTF-8";
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, QueryXmlWriter.Settings))
        {
            xml.WriteStartElement("Response");
            xml.WriteStartElement("Errors");
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", error.Message);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteElementString("RequestID", requestId);
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static byte[] QueryXml(HttpResponse response, string? xmlNamespace, AwsServiceException error, string requestId)
    {
        response.ContentType = "text/xml";
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, QueryXmlWriter.Settings))
        {
            xml.WriteStartElement("ErrorResponse", xmlNamespace ?? string.Empty);
            xml.WriteStartElement("Error");
            xml.WriteElementString("Type", error.StatusCode >= 500 ? "Receiver" : "Sender");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", error.Message);
            xml.WriteEndElement();
            xml.WriteElementString("RequestId", requestId);
            xml.WriteEndElement();
        }

        return stream.ToArray();
    }
}
