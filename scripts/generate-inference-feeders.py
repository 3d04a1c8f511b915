#!/usr/bin/env python3
"""Writes the inference-server feeders once (committed): feeders/inference/
  embedding-texts.txt  one text a line: short search queries up to ~2,000-character passages
  chat-prompts.txt     short chat prompts
  images/*.png         small images for vision requests (drawn here, no imaging library needed)
  audio/*.wav          real speech clips made with espeak-ng (apt-get install espeak-ng), + transcripts.csv
Usage: python3 scripts/generate-inference-feeders.py
"""
import json
import pathlib
import random
import struct
import subprocess
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "feeders" / "inference"
rng = random.Random(11)

QUERIES = [
    "how to reset a router", "best budget laptop for students", "symptoms of vitamin d deficiency",
    "what is fp8 quantization", "train times london to manchester", "how does a heat pump work",
    "python list comprehension example", "difference between ssd and nvme", "why is the sky blue",
    "kubernetes pod pending insufficient memory", "how long to boil an egg", "convert pdf to word free",
    "what is retrieval augmented generation", "postgres vacuum full vs vacuum", "cheap flights to lisbon in may",
    "how to write a cover letter", "gpu memory bandwidth a10 vs l20", "mortgage rates forecast",
    "symptoms of burnout at work", "how to grow tomatoes on a balcony", "rust borrow checker explained",
    "what causes inflation", "jvm garbage collector comparison", "how to make sourdough starter",
]

CHAT = [
    "Explain FP8 quantization", "Summarise the causes of the 2008 financial crisis in three sentences.",
    "Write a haiku about load testing.", "What is the difference between latency and throughput?",
    "Give three tips for writing clear commit messages.", "Explain continuous batching in LLM serving.",
    "Translate 'good morning, how are you?' into French and Spanish.", "What is a p95 latency?",
    "List the planets of the solar system in order.", "Explain what a KV cache is to a new engineer.",
    "Suggest a name for a coffee shop that also repairs bicycles.", "Why do GPUs help with matrix multiplication?",
]

SPEECH = [
    ("weather.wav", "The weather tomorrow will be sunny in the morning with light rain in the evening."),
    ("meeting.wav", "Please move the team meeting to Thursday at three o'clock and send the agenda."),
    ("order.wav", "I would like to order two large pizzas and a bottle of sparkling water."),
    ("support.wav", "My internet connection drops every evening after nine, can you check the line?"),
    ("news.wav", "The central bank kept interest rates unchanged and signalled cuts later this year."),
    ("directions.wav", "Turn left at the second traffic light and the station is on your right."),
]


def passages():
    items = json.loads((ROOT / "feeders" / "news" / "items.json").read_text())
    out = []
    for i, item in enumerate(items[:60]):
        following = items[(i + 1) % len(items)]
        text = (item["headline"] + ". " + item["body"] + " " + following["headline"] + ". " + following["body"]
                + " " + items[(i + 2) % len(items)]["body"]).replace("\n", " ")
        out.append(text[: rng.randint(300, 2000)].strip())
    return out


def png(path, width, height, colour, shape):
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            inside = ((x - width / 2) ** 2 + (y - height / 2) ** 2 < (width / 3) ** 2) if shape == "disc" \
                else (abs(x - width / 2) < width / 4 and abs(y - height / 2) < height / 4)
            row += bytes(colour if inside else (245, 245, 245))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


def main():
    texts = QUERIES + passages()
    rng.shuffle(texts)
    (OUT / "embedding-texts.txt").write_text("\n".join(texts) + "\n")
    (OUT / "chat-prompts.txt").write_text("\n".join(CHAT) + "\n")
    for name, colour, shape in [("red-disc.png", (200, 30, 30), "disc"), ("blue-square.png", (30, 60, 200), "square"),
                                ("green-disc.png", (30, 160, 60), "disc"), ("orange-square.png", (240, 140, 20), "square")]:
        png(OUT / "images" / name, 96, 96, colour, shape)
    lines = ["file,text"]
    for name, text in SPEECH:
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(OUT / "audio" / name), text], check=True)
        lines.append(f'{name},"{text}"')
    (OUT / "audio" / "transcripts.csv").write_text("\n".join(lines) + "\n")
    print("wrote", len(texts), "texts,", len(CHAT), "prompts, 4 images,", len(SPEECH), "clips")


if __name__ == "__main__":
    main()
