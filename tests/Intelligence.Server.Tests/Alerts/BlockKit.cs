using System.Text.Json.Nodes;

namespace Intelligence.Server.Tests.Alerts;

/// <summary>Checks a webhook payload against Block Kit's rules for the blocks we send (types, required fields, Slack's limits).</summary>
public static class BlockKit
{
    private static readonly string[] BlockTypes = ["header", "section", "context", "divider"];

    public static void AssertValid(JsonObject payload)
    {
        Assert.False(string.IsNullOrWhiteSpace(payload["text"]?.GetValue<string>()), "a plain `text` fallback is required");
        var blocks = payload["blocks"]?.AsArray() ?? throw new Xunit.Sdk.XunitException("no blocks");
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var node in blocks)
        {
            var block = node!.AsObject();
            var type = block["type"]?.GetValue<string>();
            Assert.Contains(type, BlockTypes);
            switch (type)
            {
                case "header":
                    AssertText(block["text"], plainOnly: true, max: 150);
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null, "a section needs text or fields");
                    if (block["text"] is { } text) AssertText(text, plainOnly: false, max: 3000);
                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, 10);
                        foreach (var field in fields) AssertText(field, plainOnly: false, max: 2000);
                    }
                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 10);
                    foreach (var element in elements) AssertText(element, plainOnly: false, max: 2000);
                    break;
            }
        }
    }

    private static void AssertText(JsonNode? node, bool plainOnly, int max)
    {
        var obj = node?.AsObject() ?? throw new Xunit.Sdk.XunitException("missing text object");
        var type = obj["type"]?.GetValue<string>();
        if (plainOnly) Assert.Equal("plain_text", type);
        else Assert.Contains(type, new[] { "plain_text", "mrkdwn" });
        var text = obj["text"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(text));
        Assert.InRange(text!.Length, 1, max);
    }

    public static string AllText(JsonObject payload) => payload.ToJsonString();
}
