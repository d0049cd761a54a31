using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.Query;

/// <summary>Writes query-protocol (IAM, STS) success responses: <c>&lt;XResponse&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;…</c>.</summary>
public static class QueryXmlWriter
{
    internal static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        Async = false,
    };

    /// <summary>Writes the response of <paramref name="action"/>; <paramref name="writeResult"/> = null writes no Result element (delete operations).</summary>
    public static async Task WriteAsync(AwsRequestContext request, string action, string xmlNamespace, Action<XmlWriter>? writeResult)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartElement(action + "Response", xmlNamespace);
            if (writeResult is not null)
            {
                xml.WriteStartElement(action + "Result");
                writeResult(xml);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("ResponseMetadata");
            xml.WriteElementString("RequestId", request.RequestId);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "text/xml";
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length), request.Aborted);
    }

    /// <summary>IAM and STS timestamps: ISO 8601 UTC, e.g. <c>2026-12-03T15:43:50Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes an element only when the value is present (optional members are omitted, not emptied).</summary>
    public static void WriteOptional(this XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, value);
        }
    }
}
