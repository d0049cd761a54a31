using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Tests.Api;

internal static class HttpExtensions
{
    public static async Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> SendJsonAsync(
        this HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            json = JsonValue.Create(text);
        }

        return ((int)response.StatusCode, json, response);
    }

    public static Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient http, string path, string? accept = null) =>
        http.SendJsonAsync(HttpMethod.Get, path, accept: accept);

    public static Task<(int Code, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient http, string path, string body) =>
        http.SendJsonAsync(HttpMethod.Post, path, body);
}
