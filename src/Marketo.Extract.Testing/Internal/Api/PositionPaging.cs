using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>Marketo's position-based paging: <c>batchSize</c> up to 300, <c>moreResult</c>, and a token left out on the last page.</summary>
internal static class PositionPaging
{
    public const int MaxBatchSize = 300;
    private const string TokenPrefix = "position:";

    public static ApiResponse Page<T>(ApiRequest request, IReadOnlyList<T> items, Func<T, JsonNode> toJson)
    {
        if (BatchSize(request) is not { } batchSize)
        {
            return BatchSizeError(request);
        }

        int offset = 0;
        if (request.Parameter("nextPageToken") is { Length: > 0 } token && !TryDecode(token, out offset))
        {
            return ApiResponse.Error(request.RequestId, "1003", "Invalid nextPageToken; pass the token of the previous page unchanged");
        }

        var result = new JsonArray([.. items.Skip(offset).Take(batchSize).Select(toJson)]);
        bool more = offset + batchSize < items.Count;
        return more
            ? ApiResponse.Success(request.RequestId, result, ("moreResult", true), ("nextPageToken", Encode(offset + batchSize)))
            : ApiResponse.Success(request.RequestId, result, ("moreResult", false));
    }

    /// <summary>Returns the requested batch size (default 300), or <see langword="null"/> when it is not 1 to 300.</summary>
    // EMULATOR CHOICE: a batchSize above 300 is rejected with 1003 rather than clamped, so client bugs show.
    public static int? BatchSize(ApiRequest request)
    {
        string? text = request.Parameter("batchSize");
        if (text is null)
        {
            return MaxBatchSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size is >= 1 and <= MaxBatchSize
            ? size
            : null;
    }

    public static ApiResponse BatchSizeError(ApiRequest request) => ApiResponse.Error(
        request.RequestId, "1003", $"Invalid batchSize '{request.Parameter("batchSize")}'; it must be between 1 and {MaxBatchSize}");

    private static string Encode(int offset) =>
        TextEncodings.ToBase32(TokenPrefix + offset.ToString(CultureInfo.InvariantCulture));

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        string? text = TextEncodings.FromBase32(token);
        return text is not null && text.StartsWith(TokenPrefix, StringComparison.Ordinal) &&
            int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
