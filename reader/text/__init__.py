"""Qt-free text pipeline: bytes → normalised text → paragraphs → sentences with offsets."""
