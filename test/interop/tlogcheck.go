// tlogcheck verifies a transition-ledger over HTTP with Go's own golang.org/x/mod/sumdb/note and
// sumdb/tlog, as any C2SP tlog client would: the checkpoint note with the published vkey, the tree
// read back from the tiles, entry bundles against level-0 tiles, and the ledger's JSON inclusion
// and consistency proofs. Used by test/e2e/goInterop.spec.ts; prints one OK line per check.
//
// Usage: tlogcheck <base URL> <vkey> <old checkpoint note file> <eventId>...
package main

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var base string

func get(path string) []byte {
	resp, err := http.Get(base + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		fail("GET %s: status %d %s", path, resp.StatusCode, body)
	}
	return body
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL "+format+"\n", args...)
	os.Exit(1)
}

// openCheckpoint verifies a checkpoint note and returns its origin and tree.
func openCheckpoint(msg []byte, verifier note.Verifier) (string, tlog.Tree) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) != 4 || lines[3] != "" {
		fail("checkpoint text is not three lines: %q", n.Text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("tree size %q: %v", lines[1], err)
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		fail("root hash %q", lines[2])
	}
	var h tlog.Hash
	copy(h[:], root)
	return lines[0], tlog.Tree{N: size, Hash: h}
}

type tiles struct{}

func (tiles) Height() int { return 8 }
func (tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, t := range ts {
		// Go's paths carry the tile height (tile/8/L/N); C2SP tlog-tiles fixes it at 8 and drops it.
		out[i] = get("/" + strings.Replace(t.Path(), "tile/8/", "tile/", 1))
	}
	return out, nil
}
func (tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func hashOf(s string) tlog.Hash {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != tlog.HashSize {
		fail("hash %q", s)
	}
	var h tlog.Hash
	copy(h[:], b)
	return h
}

func main() {
	if len(os.Args) < 4 {
		fail("usage: tlogcheck <base URL> <vkey> <old checkpoint note file> <eventId>...")
	}
	base = os.Args[1]

	// The example of c2sp.org/signed-note, as a test vector of the Go implementation itself.
	specKey, err := note.NewVerifier("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
	if err != nil {
		fail("spec vkey: %v", err)
	}
	if _, err := note.Open([]byte("This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"), note.VerifierList(specKey)); err != nil {
		fail("spec note: %v", err)
	}
	fmt.Printf("OK vectors: the signed-note specification's example note verifies\n")

	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("note.NewVerifier: %v", err)
	}
	origin, tree := openCheckpoint(get("/checkpoint"), verifier)
	fmt.Printf("OK note: /checkpoint verifies with the vkey (origin %s, size %d)\n", origin, tree.N)

	// The whole tree read back from tiles; TileHashReader authenticates every tile against tree.Hash.
	reader := tlog.TileHashReader(tree, tiles{})
	th, err := tlog.TreeHash(tree.N, reader)
	if err != nil || th != tree.Hash {
		fail("tree hash from tiles: %v %v", th, err)
	}
	fmt.Printf("OK tiles: the root recomputed from the tiles equals the signed root\n")

	// Entry bundles: each leaf input hashes (RFC 6962 leaf) to its level-0 hash.
	for start := int64(0); start < tree.N; start += 256 {
		w := tree.N - start
		path := fmt.Sprintf("/tile/entries/%s", strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: start / 256, W: 256}.Path(), "tile/8/0/"))
		if w < 256 {
			path = fmt.Sprintf("/tile/entries/%s", strings.TrimPrefix(tlog.Tile{H: 8, L: 0, N: start / 256, W: int(w)}.Path(), "tile/8/0/"))
		} else {
			w = 256
		}
		data := get(path)
		for i := int64(0); i < w; i++ {
			if len(data) < 2 {
				fail("entry bundle %s cut at %d", path, i)
			}
			n := int(data[0])<<8 | int(data[1])
			entry := data[2 : 2+n]
			data = data[2+n:]
			hs, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, start+i)})
			if err != nil || tlog.RecordHash(entry) != hs[0] {
				fail("entry %d does not hash to its level-0 hash", start+i)
			}
		}
		if len(data) != 0 {
			fail("entry bundle %s has trailing bytes", path)
		}
	}
	fmt.Printf("OK entries: all %d entries hash to their level-0 tile hashes\n", tree.N)

	// The ledger's JSON inclusion proofs, checked by tlog.CheckRecord against the signed root.
	for _, id := range os.Args[4:] {
		var p struct {
			LeafIndex int64    `json:"leafIndex"`
			LeafHash  string   `json:"leafHash"`
			TreeSize  int64    `json:"treeSize"`
			AuditPath []string `json:"auditPath"`
		}
		if err := json.Unmarshal(get(fmt.Sprintf("/api/audit/proofs/inclusion?eventId=%s&treeSize=%d", id, tree.N)), &p); err != nil {
			fail("inclusion JSON: %v", err)
		}
		proof := make(tlog.RecordProof, len(p.AuditPath))
		for i, h := range p.AuditPath {
			proof[i] = hashOf(h)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, p.LeafIndex, hashOf(p.LeafHash)); err != nil {
			fail("CheckRecord %s: %v", id, err)
		}
		own, err := tlog.ProveRecord(tree.N, p.LeafIndex, reader)
		if err != nil || tlog.CheckRecord(own, tree.N, tree.Hash, p.LeafIndex, hashOf(p.LeafHash)) != nil {
			fail("ProveRecord from tiles %s: %v", id, err)
		}
	}
	fmt.Printf("OK inclusion: %d served proofs and the proofs built from tiles verify with tlog.CheckRecord\n", len(os.Args)-4)

	// Consistency from an earlier checkpoint, served and from tiles.
	oldMsg, err := os.ReadFile(os.Args[3])
	if err != nil {
		fail("old checkpoint: %v", err)
	}
	_, old := openCheckpoint(oldMsg, verifier)
	var c struct {
		Proof []string `json:"proof"`
	}
	if err := json.Unmarshal(get(fmt.Sprintf("/api/audit/proofs/consistency?from=%d&to=%d", old.N, tree.N)), &c); err != nil {
		fail("consistency JSON: %v", err)
	}
	proof := make(tlog.TreeProof, len(c.Proof))
	for i, h := range c.Proof {
		proof[i] = hashOf(h)
	}
	if err := tlog.CheckTree(proof, tree.N, tree.Hash, old.N, old.Hash); err != nil {
		fail("CheckTree: %v", err)
	}
	own, err := tlog.ProveTree(tree.N, old.N, reader)
	if err != nil || tlog.CheckTree(own, tree.N, tree.Hash, old.N, old.Hash) != nil {
		fail("ProveTree from tiles: %v", err)
	}
	fmt.Printf("OK consistency: %d -> %d served and from tiles verify with tlog.CheckTree\n", old.N, tree.N)
}
