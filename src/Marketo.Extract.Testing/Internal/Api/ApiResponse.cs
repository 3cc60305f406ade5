using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>A response ready to send: status, content type, bytes and the Marketo error code it carries.</summary>
internal sealed class ApiResponse
{
    /// <summary>Non-ASCII text stays UTF-8 in responses, as Marketo sends it; control characters are still escaped.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = ApiJson.Encoder };

    public int StatusCode { get; init; } = 200;

    public required string ContentType { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>Gets the Marketo error code of a failed envelope, for counting and statistics.</summary>
    public string? ErrorCode { get; init; }

    public bool IsExportFile { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResponse Json(JsonNode body, int statusCode = 200, string? errorCode = null) => new()
    {
        StatusCode = statusCode,
        ContentType = "application/json;charset=UTF-8",
        Body = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions)),
        ErrorCode = errorCode,
    };

    public static ApiResponse Text(int statusCode, string text) => new()
    {
        StatusCode = statusCode,
        ContentType = "text/plain;charset=UTF-8",
        Body = Encoding.UTF8.GetBytes(text),
    };

    /// <summary>Returns the standard failure envelope: HTTP 200, <c>success:false</c> and one error with a string code.</summary>
    public static ApiResponse Error(string requestId, string code, string? message = null) => Json(
        new JsonObject
        {
            ["requestId"] = requestId,
            ["success"] = false,
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message ?? ErrorMessages.For(code) }),
        },
        errorCode: code);

    /// <summary>Returns a success envelope with the result array and any further members.</summary>
    public static ApiResponse Success(string requestId, JsonArray? result, params (string Name, JsonNode? Value)[] members)
    {
        var body = new JsonObject { ["requestId"] = requestId };
        if (result is not null)
        {
            body["result"] = result;
        }

        body["success"] = true;
        foreach (var (name, value) in members)
        {
            body[name] = value;
        }

        return Json(body);
    }
}
