//! A global allocator layer that keeps freed small blocks on per-size free lists and hands them
//! out again without asking the allocator underneath.
//!
//! Converting an order allocates and frees some twenty small blocks (strings of a few dozen
//! bytes, boxes, short vectors), and in wasm the general-purpose allocator's bookkeeping for
//! each was about 9% of a conversion's time. A block of at most [`LARGEST`] bytes is rounded up
//! to a multiple of [`GRANULE`]; freeing it pushes it on its size's list (the link is written
//! into the freed block itself) and the next allocation of that size pops it: a few loads and
//! stores. A list keeps at most [`KEPT_BYTES_PER_SIZE`] bytes of blocks, so memory freed in a
//! burst of small blocks goes back to the allocator underneath for everything else.
//!
//! Only for a target with a single thread: the lists are not synchronized. The wasm build has
//! no threads (it is built without the `atomics` feature, which this module refuses).

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr;

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("small_blocks keeps unsynchronized free lists: it needs a single-threaded target");

/// Block sizes are rounded up to a multiple of this (also the alignment every block gets).
pub const GRANULE: usize = 16;
/// The largest block kept on a free list: large enough for an order's boxed models (about
/// 1.5 KB) and a writer's buffer for one order.
pub const LARGEST: usize = 2048;
const SIZES: usize = LARGEST / GRANULE;
/// How many bytes of freed blocks one size's list keeps before freeing to the allocator
/// underneath: far more than an order's churn (dozens of 16-byte blocks, one or two of 1.5 KB),
/// and at most 4 MiB held in all.
pub const KEPT_BYTES_PER_SIZE: usize = 32 * 1024;

/// How many freed blocks of a size class its list keeps.
fn kept_blocks(class: usize) -> u32 {
    (KEPT_BYTES_PER_SIZE / ((class + 1) * GRANULE)) as u32
}

/// A freed block, holding the link to the next freed block of its size.
struct FreeBlock {
    next: *mut FreeBlock,
}

struct Lists {
    heads: [*mut FreeBlock; SIZES],
    lengths: [u32; SIZES],
}

/// Small freed blocks kept for reuse in front of the allocator `A`.
pub struct SmallBlocks<A> {
    lists: UnsafeCell<Lists>,
    underneath: A,
}

// SAFETY: `SmallBlocks` is used only on a single-threaded target (see the module docs and the
// `compile_error!` above) or, in tests, by the one test thread that made the instance; nothing
// else shares the lists.
unsafe impl<A: Sync> Sync for SmallBlocks<A> {}

impl<A> SmallBlocks<A> {
    /// Empty lists in front of `underneath`.
    pub const fn new(underneath: A) -> Self {
        SmallBlocks {
            lists: UnsafeCell::new(Lists {
                heads: [ptr::null_mut(); SIZES],
                lengths: [0; SIZES],
            }),
            underneath,
        }
    }
}

/// The size class of a layout this layer serves, or `None` for one it passes through.
fn size_class(size: usize, align: usize) -> Option<usize> {
    if size == 0 || size > LARGEST || align > GRANULE {
        return None;
    }
    Some((size - 1) / GRANULE)
}

/// The layout a block of a size class has underneath.
fn class_layout(class: usize) -> Layout {
    // (class + 1) * GRANULE is at most LARGEST and GRANULE is a power of two: always valid.
    Layout::from_size_align((class + 1) * GRANULE, GRANULE).unwrap_or(Layout::new::<u8>())
}

// The methods are not inlined: inlined into every allocation site, the fast path made the wasm
// 200 KB larger and no faster.
unsafe impl<A: GlobalAlloc> GlobalAlloc for SmallBlocks<A> {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = size_class(layout.size(), layout.align()) else {
            // SAFETY: the caller's contract is passed on unchanged.
            return unsafe { self.underneath.alloc(layout) };
        };
        // SAFETY: single-threaded (see the `Sync` impl), and no reference to the lists outlives
        // this call.
        let lists = unsafe { &mut *self.lists.get() };
        if let (Some(head), Some(length)) =
            (lists.heads.get_mut(class), lists.lengths.get_mut(class))
        {
            let block = *head;
            if !block.is_null() {
                // SAFETY: every block on the list was freed by `dealloc` below, which wrote its
                // link; it is at least GRANULE-aligned and large enough for the link.
                *head = unsafe { (*block).next };
                *length -= 1;
                return block.cast();
            }
        }
        // SAFETY: a valid non-zero layout.
        unsafe { self.underneath.alloc(class_layout(class)) }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = size_class(layout.size(), layout.align()) else {
            // SAFETY: the block came from `underneath` with this layout (see `alloc`).
            return unsafe { self.underneath.dealloc(block, layout) };
        };
        // SAFETY: as in `alloc`.
        let lists = unsafe { &mut *self.lists.get() };
        if let (Some(head), Some(length)) =
            (lists.heads.get_mut(class), lists.lengths.get_mut(class))
        {
            if *length < kept_blocks(class) {
                let freed = block.cast::<FreeBlock>();
                // SAFETY: the block is ours again, GRANULE-aligned and at least GRANULE bytes.
                unsafe { freed.write(FreeBlock { next: *head }) };
                *head = freed;
                *length += 1;
                return;
            }
        }
        // SAFETY: the block was allocated underneath with its class's layout.
        unsafe { self.underneath.dealloc(block, class_layout(class)) }
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if size_class(layout.size(), layout.align()).is_none() {
            // SAFETY: the caller's contract is passed on unchanged.
            return unsafe { self.underneath.alloc_zeroed(layout) };
        }
        // SAFETY: as `alloc`; a reused block holds old bytes, so it is cleared here.
        let block = unsafe { self.alloc(layout) };
        if !block.is_null() {
            // SAFETY: the block has at least `layout.size()` bytes.
            unsafe { ptr::write_bytes(block, 0, layout.size()) };
        }
        block
    }

    #[inline(never)]
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old_class = size_class(layout.size(), layout.align());
        let new_class = size_class(new_size, layout.align());
        match (old_class, new_class) {
            // The block already has room for the new size.
            (Some(old), Some(new)) if old == new => block,
            (None, None) => {
                // SAFETY: the caller's contract is passed on unchanged.
                unsafe { self.underneath.realloc(block, layout, new_size) }
            }
            _ => {
                // SAFETY: the caller guarantees `new_size` with this alignment is a valid layout.
                let new_layout =
                    unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                // SAFETY: as `alloc` and `dealloc`; the copy stays within both blocks.
                unsafe {
                    let moved = self.alloc(new_layout);
                    if !moved.is_null() {
                        ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                    moved
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;
    use std::cell::Cell;

    /// The system allocator, counting the blocks it holds for this layer.
    struct Counted {
        live: Cell<isize>,
    }

    // SAFETY: each test owns its `Counted` and uses it from its own thread only.
    unsafe impl Sync for Counted {}

    unsafe impl GlobalAlloc for Counted {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            self.live.set(self.live.get() + 1);
            // SAFETY: passed on unchanged.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            self.live.set(self.live.get() - 1);
            // SAFETY: passed on unchanged.
            unsafe { System.dealloc(block, layout) }
        }
    }

    fn layer() -> SmallBlocks<Counted> {
        SmallBlocks::new(Counted { live: Cell::new(0) })
    }

    /// A live block and the byte it was filled with.
    struct Live {
        block: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn holds(live: &Live) -> bool {
        // SAFETY: the block is live with `layout.size()` initialized bytes.
        let bytes = unsafe { std::slice::from_raw_parts(live.block, live.layout.size()) };
        bytes.iter().all(|&b| b == live.fill)
    }

    fn fill(live: &Live) {
        // SAFETY: the block is live with room for `layout.size()` bytes.
        unsafe { ptr::write_bytes(live.block, live.fill, live.layout.size()) };
    }

    #[derive(Debug, Clone)]
    enum Step {
        Alloc {
            size: usize,
            align_log2: u32,
            zeroed: bool,
        },
        Free(usize),
        Realloc(usize, usize),
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            (1usize..2200, 0u32..7, any::<bool>()).prop_map(|(size, align_log2, zeroed)| {
                Step::Alloc {
                    size,
                    align_log2,
                    zeroed,
                }
            }),
            any::<usize>().prop_map(Step::Free),
            (any::<usize>(), 1usize..2200).prop_map(|(i, size)| Step::Realloc(i, size)),
        ]
    }

    proptest::proptest! {
        /// Any sequence of allocations, frees and reallocations, small and large, gets blocks
        /// that are aligned as asked, never overlap (each keeps the bytes written into it),
        /// keep their contents across a reallocation, and are zeroed when asked.
        #[test]
        fn blocks_keep_their_bytes_and_alignment(steps in proptest::collection::vec(step(), 1..300)) {
            let blocks = layer();
            let mut live: Vec<Live> = Vec::new();
            for (n, step) in steps.into_iter().enumerate() {
                let fill_byte = (n % 251) as u8 + 1;
                match step {
                    Step::Alloc { size, align_log2, zeroed } => {
                        let Ok(layout) = Layout::from_size_align(size, 1 << align_log2) else { continue };
                        // SAFETY: a valid non-zero layout.
                        let block = unsafe { if zeroed { blocks.alloc_zeroed(layout) } else { blocks.alloc(layout) } };
                        proptest::prop_assert!(!block.is_null());
                        proptest::prop_assert_eq!(block as usize % layout.align(), 0);
                        if zeroed {
                            let zeros = Live { block, layout, fill: 0 };
                            proptest::prop_assert!(holds(&zeros));
                        }
                        let new = Live { block, layout, fill: fill_byte };
                        fill(&new);
                        live.push(new);
                    }
                    Step::Free(i) if !live.is_empty() => {
                        let old = live.swap_remove(i % live.len());
                        proptest::prop_assert!(holds(&old));
                        // SAFETY: the block is live with this layout.
                        unsafe { blocks.dealloc(old.block, old.layout) };
                    }
                    Step::Realloc(i, size) if !live.is_empty() => {
                        // `at` is below the length: the list is not empty here.
                        let at = i % live.len();
                        let old = &live[at];
                        proptest::prop_assert!(holds(old));
                        // SAFETY: the block is live with this layout; the new size is valid.
                        let block = unsafe { blocks.realloc(old.block, old.layout, size) };
                        proptest::prop_assert!(!block.is_null());
                        proptest::prop_assert_eq!(block as usize % old.layout.align(), 0);
                        let kept = Layout::from_size_align(old.layout.size().min(size), old.layout.align())
                            .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                        let moved = Live { block, layout: kept, fill: old.fill };
                        proptest::prop_assert!(holds(&moved));
                        let layout = Layout::from_size_align(size, old.layout.align())
                            .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                        // The same `at` as above: nothing was removed from `live` since.
                        live[at] = Live { block, layout, fill: fill_byte };
                        fill(&live[at]);
                    }
                    _ => {}
                }
            }
            for block in &live {
                proptest::prop_assert!(holds(block));
            }
            for block in live {
                // SAFETY: the block is live with this layout.
                unsafe { blocks.dealloc(block.block, block.layout) };
            }
        }
    }

    #[test]
    fn a_freed_small_block_is_reused_without_asking_underneath() {
        let blocks = layer();
        let layout = Layout::from_size_align(40, 8).unwrap_or(Layout::new::<u64>());
        // SAFETY: a valid layout; each block is freed once with the layout it was given.
        unsafe {
            let first = blocks.alloc(layout);
            blocks.dealloc(first, layout);
            // Any size in the same 16-byte class gets the same block back.
            let again = blocks.alloc(Layout::from_size_align(33, 1).unwrap_or(layout));
            assert_eq!(first, again);
            assert_eq!(blocks.underneath.live.get(), 1);
            blocks.dealloc(again, layout);
        }
    }

    #[test]
    fn a_size_keeps_a_bounded_number_of_freed_blocks() {
        let blocks = layer();
        let layout = Layout::from_size_align(24, 8).unwrap_or(Layout::new::<u64>());
        let kept = kept_blocks(1) as usize;
        let many = kept + 100;
        // SAFETY: valid layouts; each block is freed once with the layout it was given.
        unsafe {
            let all: Vec<*mut u8> = (0..many).map(|_| blocks.alloc(layout)).collect();
            assert_eq!(blocks.underneath.live.get(), many as isize);
            for block in all {
                blocks.dealloc(block, layout);
            }
        }
        // The blocks beyond what a list keeps went back underneath.
        assert_eq!(blocks.underneath.live.get(), kept as isize);
    }

    #[test]
    fn large_and_overaligned_blocks_pass_through() {
        let blocks = layer();
        for layout in [
            Layout::from_size_align(LARGEST + 1, 8),
            Layout::from_size_align(64, 64),
        ] {
            // Both layouts above are valid (power-of-two alignments, small sizes).
            let Ok(layout) = layout else {
                panic!("test layouts are valid")
            };
            // SAFETY: a valid layout, freed once.
            unsafe {
                let block = blocks.alloc(layout);
                assert_eq!(block as usize % layout.align(), 0);
                blocks.dealloc(block, layout);
            }
            assert_eq!(blocks.underneath.live.get(), 0, "{layout:?} was not kept");
        }
    }
}
